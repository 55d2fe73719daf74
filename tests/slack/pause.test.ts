// /nudge pause and resume end to end: signed slash commands to the real bot, replies through the
// response URL, the pause kept in the store and respected by the digest job; App Home's Resume.
import { afterEach, describe, expect, it } from "vitest";
import { parsePauseRequest, pauseUntil } from "../../src/domain/pause-request.ts";
import { runNudgeCycle } from "../../src/services/nudge-cycle.ts";
import { eventually, type Harness, newDbFile, startHarness } from "../helpers/bot-harness.ts";
import { rep } from "../helpers/builders.ts";
import { memorySource, quietTeam } from "../helpers/memory-source.ts";

let harnesses: Harness[] = [];
afterEach(async () => {
  for (const h of harnesses) await h.stop().catch(() => {});
  harnesses = [];
});

async function start(now: string, dbFile = newDbFile()): Promise<Harness> {
  const h = await startHarness({ now, dbFile, source: memorySource(quietTeam()) });
  harnesses.push(h);
  return h;
}

/** Sends `/nudge <text>` as `user` and returns the text of the reply. */
async function nudge(h: Harness, user: string, text: string): Promise<string> {
  const before = h.slack.callsOf("respond").length;
  const acked = await h.command(user, text);
  expect(acked.status).toBe(200);
  await eventually(() => h.slack.callsOf("respond").length > before);
  return String(h.slack.callsOf("respond").at(-1)?.params.text);
}

const digestsTo = (h: Harness, channel: string) =>
  h.slack.delivered.filter((m) => m.channel === channel && JSON.stringify(m.metadata).includes("digest:"))
    .length;

// Tuesday 10 March 2026, 10:00 in New York.
const TUESDAY = "2026-03-10T14:00:00Z";

describe("/nudge pause", () => {
  it("a rep pauses for 3 days: no digest Tuesday to Thursday, one on Friday, even after a restart", async () => {
    const dbFile = newDbFile();
    const first = await start(TUESDAY, dbFile);
    expect(await nudge(first, "UAVA", "pause 3d")).toBe(
      ":zzz: Your nudges are paused through Thu, 12 Mar 2026: no digest, reminder or check-in until then. They start again on Fri, 13 Mar 2026. `/nudge resume` ends it sooner.",
    );
    await runNudgeCycle(first.bot.cycle, "due");
    expect(digestsTo(first, "DAVA")).toBe(0);
    expect(digestsTo(first, "DKEN")).toBe(0); // Ken is asleep in Tokyo: not due, not paused
    await first.stop();
    harnesses = harnesses.filter((h) => h !== first);

    const second = await start("2026-03-12T15:00:00Z", dbFile);
    await runNudgeCycle(second.bot.cycle, "due");
    expect(digestsTo(second, "DAVA")).toBe(0);
    second.clock.now = new Date("2026-03-13T15:00:00Z");
    await runNudgeCycle(second.bot.cycle, "due");
    await runNudgeCycle(second.bot.cycle, "due");
    expect(digestsTo(second, "DAVA")).toBe(1);
  });

  it("resume brings the digest back the same day", async () => {
    const h = await start(TUESDAY);
    await nudge(h, "UAVA", "pause 2026-03-20");
    await runNudgeCycle(h.bot.cycle, "due");
    expect(digestsTo(h, "DAVA")).toBe(0);
    expect(await nudge(h, "UAVA", "resume")).toContain("Your nudges are back on");
    await runNudgeCycle(h.bot.cycle, "due");
    expect(digestsTo(h, "DAVA")).toBe(1);
    // Pausing and resuming again the same day sends no second digest.
    await nudge(h, "UAVA", "pause");
    await nudge(h, "UAVA", "resume");
    await runNudgeCycle(h.bot.cycle, "now");
    expect(digestsTo(h, "DAVA")).toBe(1);
  });

  it("a manager pauses their rep by mention; a rep cannot pause someone else", async () => {
    const h = await start(TUESDAY);
    expect(await nudge(h, "UMIA", "pause <@UAVA|ava> 5d")).toBe(
      ":zzz: Ava Okafor's nudges are paused through Sat, 14 Mar 2026: no digest, reminder or check-in until then. They start again on Mon, 16 Mar 2026. `/nudge resume @rep` ends it sooner.",
    );
    expect(await nudge(h, "UKEN", "pause <@UAVA> 2d")).toBe(
      "You can pause only your own nudges, or your reps' if you manage them; Ava Okafor is not on your team.",
    );
    expect((await h.bot.store.listPauses("2026-03-10")).map((p) => [p.rep, p.until, p.pausedBy])).toEqual([
      ["ava@example.com", "2026-03-14", "UMIA"],
    ]);
    await runNudgeCycle(h.bot.cycle, "now");
    expect(digestsTo(h, "DAVA")).toBe(0);
    expect(digestsTo(h, "DKEN")).toBe(1);
  });

  it("a manager is refused for a rep outside their team; an admin may pause anyone", async () => {
    const h = await start(TUESDAY);
    // Cy reports to someone else.
    expect(await nudge(h, "UMIA", "pause cy@example.com 2d")).toContain("Cy Vance is not on your team");
    expect(await nudge(h, "UOPS", "pause cy@example.com 2d")).toContain("Cy Vance's nudges are paused");
  });

  it("refuses more than 30 days, a past date and words it does not know, saving nothing", async () => {
    const h = await start(TUESDAY);
    expect(await nudge(h, "UAVA", "pause 45d")).toContain("A pause lasts 1 to 30 days");
    expect(await nudge(h, "UAVA", "pause 2026-06-01")).toContain(
      "A pause lasts at most 30 days: the latest date today is 2026-04-08.",
    );
    expect(await nudge(h, "UAVA", "pause 2026-03-01")).toContain("2026-03-01 has passed");
    expect(await nudge(h, "UAVA", "pause <!channel>")).toContain("I didn't understand `&lt;!channel&gt;`");
    expect(await h.bot.store.listPauses("2026-01-01")).toEqual([]);
  });

  it("/nudge help lists pause and resume", async () => {
    const h = await start(TUESDAY);
    const acked = await h.command("UAVA", "help");
    const body = JSON.stringify(await acked.json());
    expect(body).toContain("/nudge pause");
    expect(body).toContain("/nudge resume");
  });

  it("App Home shows the pause with a Resume button that ends it", async () => {
    const h = await start(TUESDAY);
    await nudge(h, "UAVA", "pause 3d");
    await h.event({ type: "app_home_opened", user: "UAVA", tab: "home", channel: "DAVA" });
    await eventually(() => h.slack.callsOf("views.publish").length === 1);
    const home = JSON.stringify(h.slack.callsOf("views.publish")[0]?.params.view);
    expect(home).toContain("*Nudges paused* through Thu, 12 Mar 2026");
    expect(home).toContain('"action_id":"nudge_resume"');

    await h.interaction({
      type: "block_actions",
      user: { id: "UAVA" },
      trigger_id: "trigger-home",
      container: { type: "view", view_id: "V1" },
      view: { id: "V1", type: "home" },
      actions: [{ type: "button", action_id: "nudge_resume", block_id: "b", value: "resume" }],
    });
    await eventually(() => h.slack.callsOf("views.publish").length === 2);
    expect(JSON.stringify(h.slack.callsOf("views.publish")[1]?.params.view)).toContain("`/nudge pause 5d`");
    expect(await h.bot.store.listPauses("2026-03-10")).toEqual([]);
    await runNudgeCycle(h.bot.cycle, "due");
    expect(digestsTo(h, "DAVA")).toBe(1);
  });
});

describe("reading a pause", () => {
  const settings = { workingDays: [1, 2, 3, 4, 5], holidays: true, daysOff: [] };
  it("a bare pause on Friday lasts the weekend; before Thanksgiving, the holiday too", () => {
    const request = parsePauseRequest([]);
    if ("error" in request) throw new Error(request.error);
    expect(pauseUntil(request.length, "2026-03-13", rep(), settings)).toEqual({ until: "2026-03-15" });
    expect(pauseUntil(request.length, "2026-11-25", rep({ country: "US" }), settings)).toEqual({
      until: "2026-11-26",
    });
  });
});
