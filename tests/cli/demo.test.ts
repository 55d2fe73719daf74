import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { request } from "node:http";
import { networkInterfaces } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { CLI_FROM_SOURCES, runCli } from "../helpers/run-cli.ts";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const cookieOf = (response: Response) =>
  response.headers
    .getSetCookie()
    .map((line) => line.split(";")[0])
    .join("; ");

describe("nudgebot demo", () => {
  it("prints digests, team scorecards and a summary, the same on every run", () => {
    const first = runCli(["demo"]);
    const second = runCli(["demo"]);
    expect(first.status).toBe(0);
    expect(second.stdout).toBe(first.stdout);
    const out = first.stdout;
    expect(out).toMatch(
      /^nudgebot demo: the sample team \(40 reps, 400 accounts, 2500 opportunities\) at 2026-03-10T15:00:00\.000Z/,
    );
    expect(out).toMatch(/── .+ <.+@example\.com> · (SMB|MM) · Asia\/Tokyo\n {3}2026-03-11 · Required 7 \d+%/);
    expect(out.match(/^Weekly team scorecard for /gm)).toHaveLength(3);
    expect(out).toMatch(/Reps nudged: \d+ \(one digest each, recorded in \.\/data\/demo\.db\)/);
    // A short plan: three focus records, then one line per rule for the rest; nothing cut off.
    expect(out).not.toMatch(/and \d+ more — \/nudge me/);
    expect(out).toMatch(/ {3}Start with these 3:\n {4}1\. /);
    expect(out).toMatch(/ {3}The rest, by rule:\n {5}\d+ more (opportunities|accounts?|opportunity) /);
    for (const digest of out.split("── ").slice(1)) {
      expect(digest.match(/^ {3}\s?\d\. /gm)?.length ?? 0).toBeLessThanOrEqual(3);
      const rules = digest.match(/^ {5}\d+ more .+ \[Show\]$/gm) ?? [];
      expect(rules.length).toBeLessThanOrEqual(14);
    }
  });

  it("prints Block Kit payloads with --json, one digest per line", () => {
    const run = runCli(["demo", "--json"]);
    expect(run.status).toBe(0);
    const payloads = run.stdout
      .trimEnd()
      .split("\n")
      .map((line) => JSON.parse(line));
    expect(payloads.length).toBeGreaterThan(20);
    for (const payload of payloads) {
      expect(payload.channel).toMatch(/@example\.com$/);
      expect(payload.text).toMatch(/^Pipeline nudges for 2026-03-1[01]/);
      expect(payload.blocks.length).toBeLessThanOrEqual(50);
    }
  });

  it("runs the README's JSON command with nothing but JSON on stdout, one payload per line", () => {
    const readme = readFileSync(join(ROOT, "README.md"), "utf8");
    const section = readme.slice(
      readme.indexOf("## Reading the demo"),
      readme.indexOf("## Connecting it to Slack"),
    );
    const documented = /`npx nudgebot (demo --json)`/.exec(section)?.[1];
    expect(documented).toBe("demo --json");
    const run = runCli(documented?.split(" ") ?? []);
    expect(run.status).toBe(0);
    const lines = run.stdout.split("\n").filter((line) => line !== "");
    expect(lines.length).toBeGreaterThan(20);
    for (const line of lines) expect(() => JSON.parse(line)).not.toThrow();
  });

  it("plays four weeks of history with --history: the same report each run, one rule flagged noisy", () => {
    const first = runCli(["demo", "--history", "--json"]);
    expect(first.status).toBe(0);
    const rows = first.stdout
      .trimEnd()
      .split("\n")
      .map((line) => JSON.parse(line));
    expect(rows).toHaveLength(14);
    expect(rows.filter((row) => row.noisy).map((row) => row.rule)).toEqual(["activity-missing"]);
    const source = rows.find((row) => row.rule === "source-missing");
    expect(source.nudged).toBeGreaterThanOrEqual(20);
    expect(source.fixRate).toBeGreaterThan(0.8);
    expect(source.fixedWithin3 / source.nudged).toBe(source.fixRate);
    // The demo holds 30% of new findings out: nudges are proven to work for rules reps act on, and
    // show no effect for the one they ignore either way.
    expect(source.holdout).toMatchObject({ proven: true });
    expect(Object.keys(source.holdout)).toEqual(["nudged", "held", "uplift", "ciLow", "ciHigh", "proven"]);
    expect(source.holdout.held.n).toBeGreaterThanOrEqual(30);
    expect(rows.find((row) => row.rule === "activity-missing").holdout).toMatchObject({ proven: false });
    expect(rows.find((row) => row.rule === "segment-mismatch").holdout).toBeNull(); // too few yet

    const text = runCli(["demo", "--history"]);
    expect(text.stdout).toContain("No recent activity is noisy:");
    expect(text.stdout).toContain("add activity-missing to rules.disabled");
    expect(text.stdout).toContain("or move it to the weekly cleanup (effectiveness.noisyRules: weekly");
    expect(text.stdout).toMatch(/^No recent activity\s+\d+\s+\d+\s+\d+\s+\d+%.*NOISY$/m);
    // The team's rituals over the same weeks: one trip above its pipeline target, one below, and
    // February's check-ins above the adoption goal while March's have not gone out yet. Seeded: the
    // same answers, so the same share, every run.
    expect(text.stdout).toMatch(
      /^Rituals: 4 trips, 3 noted \(\$115,000 pipeline created; 1 above its target, 1 below\); 3 Give Back projects, 2 completed; adoption 2026-02 92% ✓, 2026-03 0% \(goal 70%, check-ins from day 25\)$/m,
    );
    // Every daily finding is nudged (focus or a rule line); once No recent activity is flagged noisy it
    // waits for Monday's cleanup, so fewer digests go out than the 677 of a month with every rule daily.
    expect(text.stdout).toMatch(/^658 digests delivered \(simulated\)/m);
    expect(text.stdout).toMatch(/^Holdout: 30% of new findings held out of digests for 3 working days/m);
    expect(text.stdout).toMatch(
      /^No lead source\s+\d+\/\d+ \(\d+%\)\s+\d+\/\d+ \(\d+%\)\s+\+[\d.]+\s+\+[\d.]+ to \+[\d.]+\s+proven$/m,
    );
    expect(text.stdout).toMatch(/^No recent activity\s+.*no effect shown$/m);
    expect(text.stdout).toMatch(
      /^Segment mismatch\s+.*not enough data yet \(\d+ held out and \d+ nudged, 30 needed\)$/m,
    );
    expect(text.stdout).toMatch(
      /^No lead source: proven, nudges fix [\d.]+ points more than leaving it alone/m,
    );
    // The weekly cleanup, as check-config words it: the noisy rule and why, from when, what it spared,
    // and a rep's Monday digest listing it in its own section.
    const weekly = text.stdout.slice(
      text.stdout.indexOf("\nWeekly cleanup (effectiveness.noisyRules: weekly)"),
      text.stdout.indexOf("\nWeekly digest for "),
    );
    expect(weekly).toContain(
      "Weekly cleanup (effectiveness.noisyRules: weekly): 1 rule listed once a week, on Monday, instead of daily.",
    );
    expect(weekly).toMatch(/^ {2}No recent activity \(activity-missing\): weekly: noisy: \d+% fixed$/m);
    const spared =
      /^No recent activity: flagged on (2026-02-\d\d), out of the daily digests from (2026-02-\d\d): ([\d,]+) daily nudges spared over (\d+) working days;/m.exec(
        weekly,
      );
    // Flagged on one scan, left out of the daily digests from the day after.
    expect((spared?.[2] ?? "") > (spared?.[1] ?? "9")).toBe(true);
    expect(Number(spared?.[3]?.replace(",", ""))).toBeGreaterThan(100);
    expect(Number(spared?.[4])).toBeGreaterThanOrEqual(10);
    const monday =
      /^(.+)'s digest on 2026-03-09, a cleanup day:\n── \1 <.+>[^\n]*\n {3}2026-03-09 ·[\s\S]*$/m.exec(
        weekly,
      )?.[0];
    expect(monday).toMatch(/^ {3}Weekly cleanup \(\d+ findings?\):\n {5}No recent activity: \d+ · /m);
    // Its daily part no longer names the noisy rule: only the cleanup does.
    const daily = monday?.slice(0, monday.indexOf("   Weekly cleanup (")) ?? "";
    expect(daily).toMatch(/ {3}Start with /);
    expect(daily).not.toMatch(/no recent activity|no activity logged/i);
    // Each manager's weekly digest: the team's scorecard, then what is still open long after its
    // nudge, per rep; among it a possible duplicate the rep left open.
    const managers = text.stdout.split(/^(?=Weekly digest for )/m).slice(1);
    expect(managers).toHaveLength(3);
    expect(managers[0]).toMatch(
      /^Weekly digest for .+ \(manager\): the team's Required 7 as of 2026-03-1[01]\nrep /,
    );
    expect(managers[0]).toContain(
      "Stuck after a nudge: findings still open 5 working days or more after the first nudge",
    );
    expect(text.stdout).toMatch(/^ {4}• No recent activity: .+, stuck for \d+ working days$/m);
    expect(text.stdout).toMatch(/^ {4}• Possible duplicate: .+, stuck for \d+ working days$/m);
    // Deterministic: the recorded history gives the JSON run's figures again.
    const again = runCli(["report", "--json"], {
      DATABASE_URL: "sqlite:./data/demo.db",
      NUDGEBOT_CONFIG: "config/demo-history.yml",
      NUDGEBOT_NOW: "2026-03-10T15:00:00Z",
    });
    expect(again.stdout).toBe(first.stdout);

    // The command the demo prints, run as printed on the real clock (long after March 2026): the
    // report counts the history's own 28 days, says so, and gives the demo's figures again.
    const printed =
      /^The same report from the recorded history: (DATABASE_URL=(\S+)) NUDGEBOT_CONFIG=(\S+) npx nudgebot (report)$/m.exec(
        text.stdout,
      );
    expect(printed?.[1]).toBe("DATABASE_URL=sqlite:./data/demo.db");
    const env = { DATABASE_URL: printed?.[2] ?? "", NUDGEBOT_CONFIG: printed?.[3] ?? "" };
    expect(env.NUDGEBOT_CONFIG).toBe("config/demo-history.yml");
    const asPrinted = runCli([printed?.[4] ?? ""], env);
    expect(asPrinted.status).toBe(0);
    expect(asPrinted.stdout).toMatch(
      /^Nudge effectiveness from 2026-02-11 to 2026-03-1[01], where the recorded history ends \(today is \d{4}-\d\d-\d\d\)$/m,
    );
    expect(text.stdout.indexOf("No recent activity is noisy")).toBeGreaterThan(0);
    const demoTable = text.stdout.slice(
      text.stdout.indexOf("rule "),
      text.stdout.indexOf("No recent activity is noisy"),
    );
    expect(asPrinted.stdout).toContain(demoTable);
    expect(asPrinted.stdout).toContain(
      text.stdout.slice(text.stdout.indexOf("Holdout: "), text.stdout.indexOf("\nWeekly cleanup (")),
    );
    const asJson = runCli(["report", "--json"], env);
    expect(asJson.stdout).toBe(first.stdout);
  }, 120_000);

  it("refuses --serve without --history", () => {
    const run = runCli(["demo", "--serve"]);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(
      /^--serve shows the console on the history demo: nudgebot demo --history --serve/,
    );
  });

  it("serves the console on the history with --serve: loopback only, demo banner, demo sign-in, Ctrl-C stops", async () => {
    const child = spawn(process.execPath, [...CLI_FROM_SOURCES, "demo", "--history", "--serve"], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", PORT: "0" },
      stdio: ["ignore", "ignore", "pipe"],
    });
    let stderr = "";
    const exited = new Promise<number | null>((resolve) => child.on("exit", resolve));
    const port = await new Promise<number>((resolve, reject) => {
      child.stderr.on("data", (chunk: Buffer) => {
        stderr += chunk.toString();
        const found =
          /Admin console \(demo sign-in\): http:\/\/127\.0\.0\.1:(\d+)\/admin \(Ctrl-C stops it\)/.exec(
            stderr,
          );
        if (found) resolve(Number(found[1]));
      });
      void exited.then(() => reject(new Error(`demo exited: ${stderr}`)));
    });
    try {
      const base = `http://127.0.0.1:${port}`;
      const picker = await fetch(`${base}/admin/login?return=%2Fadmin%2Fteam`);
      const page = await picker.text();
      expect(page).toContain('class="demo-banner"');
      expect(page).toContain("Felix Moreau (admin)");
      expect(page).toContain("Ava Okafor (manager)");
      const state = /name="state" value="([^"]+)"/.exec(page)?.[1] ?? "";
      const post = (body: string, cookie: string) =>
        fetch(`${base}/admin/login`, {
          method: "POST",
          redirect: "manual",
          headers: { cookie, "content-type": "application/x-www-form-urlencoded" },
          body,
        });
      // Without the picker's state the form is refused, as any console form without its token.
      expect((await post("person=felix.moreau%40example.com", cookieOf(picker))).status).toBe(403);
      const fresh = await fetch(`${base}/admin/login?return=%2Fadmin%2Fteam`);
      const freshState = /name="state" value="([^"]+)"/.exec(await fresh.text())?.[1] ?? "";
      expect(freshState).not.toBe(state);
      const signedIn = await post(`state=${freshState}&person=felix.moreau%40example.com`, cookieOf(fresh));
      expect(signedIn.status).toBe(303);
      expect(signedIn.headers.get("location")).toBe("/admin/team");
      const team = await fetch(`${base}/admin/team`, { headers: { cookie: cookieOf(signedIn) } });
      const text = await team.text();
      expect(team.status).toBe(200);
      expect(text).toContain('class="demo-banner"');
      expect(text).toContain("admin: sees everyone");
      // The Rituals page draws the demo's trips and Give Back adoption, not an empty page.
      const rituals = await (
        await fetch(`${base}/admin/rituals`, { headers: { cookie: cookieOf(signedIn) } })
      ).text();
      expect(rituals).toContain('data-chart="chart-adoption"');
      expect(rituals).toContain('data-chart="chart-trips"');
      expect(rituals).toMatch(/SaaStr Annual<\/th>[\s\S]*?\$3,060[\s\S]*?\$51,000[\s\S]*?\$85,000/);
      expect(rituals).toMatch(/Retail Tech Summit<\/th>[\s\S]*?\$1,740[\s\S]*?\$29,000[\s\S]*?\$12,000/);
      expect(rituals).toMatch(/Discovery call question bank[\s\S]*?✓ \d+% <span class="muted">\(\d+ of 39\)/);
      // Nobody else on the network reaches it.
      const outside = Object.values(networkInterfaces())
        .flat()
        .find((address) => address && address.family === "IPv4" && !address.internal);
      if (outside) await expect(fetch(`http://${outside.address}:${port}/admin/login`)).rejects.toThrow();
      // Nor a page of another site that rebinds its own name to 127.0.0.1: only our Host is answered.
      expect(await statusWithHost(port, `rebind.evil.example:${port}`)).toBe(421);
      expect(await statusWithHost(port, `127.0.0.1:${port + 1}`)).toBe(421);
      expect(await statusWithHost(port, `localhost:${port}`)).toBe(200);
    } finally {
      child.kill("SIGINT");
    }
    expect(await exited).toBe(0);
    expect(stderr).toContain("Console stopped.");
  }, 120_000);
});

/** The status of GET /admin/login on the demo with the given Host header (fetch cannot set Host). */
function statusWithHost(port: number, host: string): Promise<number | undefined> {
  return new Promise((resolve, reject) => {
    const req = request({ host: "127.0.0.1", port, path: "/admin/login", headers: { host } }, (res) => {
      res.resume();
      resolve(res.statusCode);
    });
    req.on("error", reject);
    req.end();
  });
}
