import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { evaluatePipeline, listFindings } from "../../src/domain/evaluate.ts";
import { rateTableFromValues } from "../../src/domain/money.ts";
import { DEFAULT_RULE_SETTINGS } from "../../src/domain/settings.ts";
import { type CsvSettings, DEFAULT_CSV_SETTINGS } from "../../src/sources/csv/csv-settings.ts";
import { CsvSource } from "../../src/sources/csv/csv-source.ts";
import { formatIssue, loadFailure } from "../../src/sources/source.ts";
import { FakeSlack } from "../helpers/fake-slack.ts";
import { runCli, runCliAsync } from "../helpers/run-cli.ts";

const EXAMPLE = fileURLToPath(new URL("../../examples/salesforce-report/", import.meta.url));
const NOW = "2026-03-10T15:00:00Z";

/** A copy of the example folder with opportunities.csv edited (or replaced). */
function exampleWith(edit: (text: string) => string): string {
  const folder = mkdtempSync(join(tmpdir(), "nudgebot-report-"));
  copyFileSync(join(EXAMPLE, "reps.csv"), join(folder, "reps.csv"));
  writeFileSync(
    join(folder, "opportunities.csv"),
    edit(readFileSync(join(EXAMPLE, "opportunities.csv"), "utf8")),
  );
  return folder;
}

const settings = (overrides: Partial<CsvSettings>): CsvSettings => ({
  ...DEFAULT_CSV_SETTINGS,
  ...overrides,
});

describe("a Salesforce report export as opportunities.csv", () => {
  it("is read with no configuration: BOM, CRLF, quotes, $ and USD amounts, US dates, owners by name", async () => {
    const { snapshot, issues, available } = await new CsvSource(EXAMPLE).load();
    expect(issues).toEqual([]);
    expect(snapshot.accounts).toEqual([]);
    const byId = new Map(snapshot.opportunities.map((opp) => [opp.id, opp]));
    expect(byId.get("0065g00000AbCdE")).toMatchObject({
      name: "Acme Corp - New Business",
      ownerEmail: "maria.lopez@example.com",
      amount: 12500,
      closeDate: "2026-03-28",
      nextStep: "Send pricing, then book the security review",
      lastActivityDate: "2026-03-02",
      howHeard: "Web",
      isClosed: false,
    });
    expect(byId.get("0065g00000AbCdF")).toMatchObject({ amount: 4200, lastActivityDate: null });
    expect(byId.get("0065g00000AbCdG")).toMatchObject({
      name: 'Initech "Platform" Upgrade',
      ownerEmail: "jon.baker@example.com",
    });
    expect(byId.get("0065g00000AbCdH")).toMatchObject({ isClosed: true, isWon: true });

    expect(available?.fields.has("opportunity.amount")).toBe(true);
    expect(available?.fields.has("opportunity.deckUrl")).toBe(false);
    expect(available?.fields.has("account.tier")).toBe(false);
    expect(available?.fields.has("account.employees")).toBe(false);
    expect(available?.hint("opportunity.deckUrl")).toBe(
      'add a "Link to Custom Pitch Deck" column to opportunities.csv (or name yours under csv.columns.deckUrl)',
    );
  });

  it("gives findings from `nudgebot scan` on the unedited export", () => {
    const run = runCli(["scan", "--dry-run", "--json"], {
      DATA_SOURCE: `csv:${EXAMPLE}`,
      NUDGEBOT_NOW: NOW,
      DATABASE_URL: `sqlite:${join(mkdtempSync(join(tmpdir(), "nudgebot-db-")), "x.db")}`,
    });
    expect(run.status).toBe(0);
    const findings = run.stdout
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line) as { rule: string; recordId: string; owner: string });
    expect(findings).toContainEqual(
      expect.objectContaining({
        rule: "close-date-passed",
        recordId: "0065g00000AbCdG",
        owner: "jon.baker@example.com",
      }),
    );
    expect(findings).toContainEqual(
      expect.objectContaining({ rule: "next-step-vague", recordId: "0065g00000AbCdF" }),
    );
  });

  it("reads day-first dates with csv.dateFormat, and decides them from the whole file without it", async () => {
    const dayFirst = (lastActivity: string) =>
      exampleWith((text) =>
        text
          .replace("3/28/2026", "4/3/2026")
          .replace("4/15/2026", "5/4/2026")
          .replace(/3\/(\d)\/2026/g, "$1/3/2026")
          .replace("2/27/2026", lastActivity),
      );
    const configured = await new CsvSource(
      dayFirst("27/2/2026"),
      undefined,
      settings({ dateFormat: "DD/MM/YYYY" }),
    ).load();
    expect(configured.snapshot.opportunities.map((opp) => opp.closeDate)).toEqual([
      "2026-03-04",
      "2026-04-05",
      "2026-03-06",
      "2026-03-03",
    ]);

    // Every slashed date could be either way: the scan stops and asks, naming the setting.
    await expect(new CsvSource(dayFirst("2/2/2026")).load()).rejects.toThrow(
      /dates such as "4\/3\/2026" could be day or month first .* set csv\.dateFormat to MM\/DD\/YYYY or DD\/MM\/YYYY/,
    );

    // One date whose first part is above 12 settles the whole file as day first.
    const settled = exampleWith((text) =>
      text
        .replace("3/28/2026", "28/3/2026")
        .replace("4/15/2026", "4/5/2026")
        .replace("2/27/2026", "27/2/2026"),
    );
    const auto = await new CsvSource(settled).load();
    expect(auto.snapshot.opportunities.map((opp) => opp.closeDate)).toEqual([
      "2026-03-28",
      "2026-05-04",
      "2026-06-03",
      "2026-03-03",
    ]);
  });

  it("stops `scan` on ambiguous dates, naming csv.dateFormat, and runs with the one line it asks for", () => {
    const folder = exampleWith((text) =>
      text.replace("3/28/2026", "4/3/2026").replace("4/15/2026", "5/4/2026").replace("2/27/2026", "2/2/2026"),
    );
    const env = (config: string) => ({
      DATA_SOURCE: `csv:${folder}`,
      NUDGEBOT_NOW: NOW,
      DATABASE_URL: `sqlite:${join(folder, "x.db")}`,
      NUDGEBOT_CONFIG: join(folder, config),
    });
    writeFileSync(join(folder, "empty.yml"), "");
    writeFileSync(join(folder, "dates.yml"), "csv:\n  dateFormat: DD/MM/YYYY\n");
    writeFileSync(join(folder, "typo.yml"), "csv:\n  dateFormat: D/M/Y\n");

    const asked = runCli(["scan", "--dry-run", "--json"], env("empty.yml"));
    expect(asked.status).toBe(1);
    expect(asked.stderr).toContain("set csv.dateFormat to MM/DD/YYYY or DD/MM/YYYY");

    const answered = runCli(["scan", "--dry-run", "--json"], env("dates.yml"));
    expect(answered.status).toBe(0);
    expect(answered.stdout).toContain('"recordId":"0065g00000AbCdE"');

    const typo = runCli(["scan", "--dry-run", "--json"], env("typo.yml"));
    expect(typo.status).toBe(1);
    expect(typo.stderr).toMatch(/csv\.dateFormat: expected one of: auto, YYYY-MM-DD, MM\/DD\/YYYY/);
  });

  it("reports an unknown owner once, with the names reps.csv has, and a bad amount with what was expected", async () => {
    const folder = exampleWith((text) =>
      text.replaceAll("Maria Lopez", "Mary Lopes").replace('"$48,000.00"', "about 48k"),
    );
    const { snapshot, issues } = await new CsvSource(folder).load();
    expect(snapshot.opportunities.map((opp) => opp.id)).toEqual(["0065g00000AbCdH"]);
    expect(issues.map(formatIssue)).toEqual([
      'opportunities.csv, line 4, Amount: expected an amount such as 12500, 12,500.00 or $12,500.00, got "about 48k" (row skipped)',
      'opportunities.csv, line 2, Opportunity Owner: owner "Mary Lopes" is not in reps.csv (2 rows); reps.csv has: Maria Lopez, Jon Baker, Sam Okoro (row skipped)',
    ]);
  });

  it("exits non-zero, listing the first problems, when most rows are skipped", () => {
    const folder = exampleWith((text) => text.replaceAll(/\d+\/\d+\/2026/g, "soon"));
    const run = runCli(["scan", "--dry-run", "--json"], {
      DATA_SOURCE: `csv:${folder}`,
      NUDGEBOT_NOW: NOW,
      DATABASE_URL: `sqlite:${join(folder, "x.db")}`,
    });
    expect(run.status).not.toBe(0);
    expect(run.stdout).toBe("");
    expect(run.stderr).toContain("No opportunity could be loaded; nothing was checked. First problems:");
    expect(run.stderr).toContain(
      'opportunities.csv, line 2, Close Date: expected a date as YYYY-MM-DD, got "soon" (row skipped)',
    );
  });

  it("sends nothing from a real `scan` when most rows are skipped", async () => {
    const folder = exampleWith((text) => text.replace(/3\/\d+\/2026/g, "March"));
    const slack = new FakeSlack();
    const { url, server } = await slack.listen();
    try {
      const run = await runCliAsync(["scan"], {
        DATA_SOURCE: `csv:${folder}`,
        NUDGEBOT_NOW: NOW,
        DATABASE_URL: `sqlite:${join(folder, "x.db")}`,
        SLACK_BOT_TOKEN: "xoxb-test",
        SLACK_API_URL: url,
      });
      expect(run.status).toBe(1);
      expect(run.stderr).toContain("3 of 4 opportunity rows were skipped; nothing was checked.");
      expect(slack.callsOf("chat.postMessage")).toEqual([]);
    } finally {
      server.close();
    }
  });

  it("explains a header that matches no preset, with the columns: lines to add, and honours them", async () => {
    const folder = exampleWith((text) =>
      text.replace("Opportunity ID", "Deal Ref").replace("Close Date", "Expected Close"),
    );
    await expect(new CsvSource(folder).load()).rejects.toThrow(
      /matches no preset\. Headers found: Opportunity Owner, Account Name, .*Deal Ref.*Closest preset: salesforce-report; it also needs "Opportunity ID" \(id\), "Close Date" \(closeDate\)[\s\S]*csv:\n {2}columns:\n {4}id: /,
    );
    const mapped = settings({ columns: { id: "deal ref", closeDate: "EXPECTED CLOSE" } });
    const { snapshot, issues } = await new CsvSource(folder, undefined, mapped).load();
    expect(issues).toEqual([]);
    expect(snapshot.opportunities).toHaveLength(4);
  });

  it("reads a currency column as an upper-case ISO code", async () => {
    const folder = exampleWith((text) =>
      text
        .replace("Account ID\r\n", "Account ID,Opportunity Currency\r\n")
        .replaceAll(/(0015g00000\w+)\r\n/g, "$1,eur\r\n"),
    );
    const { snapshot } = await new CsvSource(folder).load();
    expect(snapshot.opportunities.map((opp) => opp.currency)).toEqual(["EUR", "EUR", "EUR", "EUR"]);
  });
});

describe("a currency column with `currencies:` rates", () => {
  it("compares amounts in the configured currency, and leaves out a currency with no rate", async () => {
    // Maria's accounts are SMB: deck-missing fires above $5,000. EUR is worth $1.09.
    const folder = exampleWith(
      () =>
        "id,name,accountId,ownerEmail,stage,isClosed,isWon,amount,currency,closeDate,deckUrl\n" +
        "o1,Just over,a1,maria.lopez@example.com,2-Scoping,false,false,4600,EUR,2026-04-30,\n" +
        "o2,Just under,a1,maria.lopez@example.com,2-Scoping,false,false,4580,eur,2026-04-30,\n" +
        "o3,In dollars,a1,maria.lopez@example.com,2-Scoping,false,false,5001,,2026-04-30,\n" +
        "o4,No rate,a1,maria.lopez@example.com,2-Scoping,false,false,900000,JPY,2026-04-30,\n",
    );
    const source = new CsvSource(
      folder,
      undefined,
      DEFAULT_CSV_SETTINGS,
      rateTableFromValues("USD", { EUR: 1.09 }),
    );
    const { snapshot, available } = await source.load();
    const evaluation = evaluatePipeline(snapshot, {
      now: new Date(NOW),
      settings: { ...DEFAULT_RULE_SETTINGS, currency: "USD" },
      defaultTimezone: "UTC",
      available,
    });
    const decks = listFindings(evaluation)
      .filter((finding) => finding.rule === "deck-missing")
      .map((finding) => finding.recordId);
    // 4,600 EUR = $5,014 (over); 4,580 EUR = $4,992.20 (under); $5,001 is over as it is.
    expect(decks.sort()).toEqual(["o1", "o3"]);
    expect(evaluation.leftOut.noRate).toEqual({ JPY: 1 });
  });
});

describe("a native opportunities.csv without some columns", () => {
  it("is read, and says which fields it lacks", async () => {
    const folder = exampleWith(
      () =>
        "id,name,accountId,ownerEmail,stage,isClosed,isWon,amount,closeDate,nextStep,nextStepDate\n" +
        "o1,Acme - New,a1,jon.baker@example.com,2-Scoping,false,false,12500,2026-04-30,Demo to the CFO,2026-03-20\n",
    );
    const { snapshot, issues, available } = await new CsvSource(folder).load();
    expect(issues).toEqual([]);
    expect(snapshot.opportunities).toMatchObject([{ id: "o1", amount: 12500, nextStepDate: "2026-03-20" }]);
    expect(available?.fields.has("opportunity.nextStepDate")).toBe(true);
    expect(available?.fields.has("opportunity.deckUrl")).toBe(false);
  });
});

describe("a load too broken to use", () => {
  const opp = (id: string) => ({ id }) as never;
  const skipped = (line: number) => ({
    severity: "skipped" as const,
    file: "opportunities.csv",
    line,
    field: "Amount",
    message: "bad",
  });

  it("is refused when more than half the opportunity rows were skipped, not when half were", () => {
    const snapshot = (count: number) => ({
      reps: [],
      accounts: [],
      opportunities: Array.from({ length: count }, (_, i) => opp(`o${i}`)),
    });
    expect(loadFailure({ snapshot: snapshot(2), issues: [skipped(2), skipped(3)] })).toBeNull();
    expect(loadFailure({ snapshot: snapshot(2), issues: [skipped(2), skipped(3), skipped(4)] })).toMatch(
      /^3 of 5 opportunity rows were skipped; nothing was checked\. First problems:\n {2}opportunities\.csv, line 2, Amount: bad \(row skipped\)/,
    );
    // One issue about an unknown owner stands for every row it skipped.
    expect(loadFailure({ snapshot: snapshot(2), issues: [{ ...skipped(2), rows: 3 }] })).toMatch(/^3 of 5/);
  });
});

/** The example export with account columns added after Account ID, each row's cells by opportunity ID. */
function exampleWithAccountColumns(
  headers: string[],
  cells: Record<string, string[]>,
  edit: (text: string) => string = (text) => text,
): string {
  return exampleWith((text) =>
    edit(
      text
        .replace("Account ID\r\n", `Account ID,${headers.join(",")}\r\n`)
        .replace(/^(.*,(0065g00000\w+),0015g00000\w+)\r\n/gm, (_, row: string, id: string) =>
          [row, ...(cells[id] ?? headers.map(() => ""))].join(",").concat("\r\n"),
        ),
    ),
  );
}

const evaluate = (load: Awaited<ReturnType<CsvSource["load"]>>) =>
  evaluatePipeline(load.snapshot, {
    now: new Date(NOW),
    settings: DEFAULT_RULE_SETTINGS,
    defaultTimezone: "UTC",
    available: load.available,
  });

describe("accounts from a report's rows, without accounts.csv", () => {
  it("leaves out an Enterprise account by its Employees, and holds a small account to SMB thresholds", async () => {
    // Jon is an MM rep: $7,500 is under MM's $10,000 deck threshold but over SMB's $5,000.
    const folder = exampleWithAccountColumns(
      ["Employees", "Link to Custom Pitch Deck"],
      { "0065g00000AbCdE": ['"2,500"', ""], "0065g00000AbCdG": ["40", ""] },
      (text) => text.replace('"$48,000.00"', '"$7,500.00"'),
    );
    const load = await new CsvSource(folder).load();
    expect(load.issues).toEqual([]);
    expect(load.snapshot.accounts).toContainEqual(
      expect.objectContaining({
        id: "0015g00000AaAaA",
        name: "Acme Corp",
        ownerEmail: "maria.lopez@example.com",
        employees: 2500,
        segment: null,
      }),
    );
    expect(load.snapshot.accounts.find((account) => account.id === "0015g00000CcCcC")).toMatchObject({
      name: "Initech, Inc.",
      ownerEmail: "jon.baker@example.com",
      employees: 40,
    });
    const evaluation = evaluate(load);
    const findings = listFindings(evaluation);
    expect(findings.filter((finding) => finding.recordId === "0065g00000AbCdE")).toEqual([]);
    expect(evaluation.leftOut).toMatchObject({ enterpriseAccounts: 1, enterpriseOpportunities: 1 });
    expect(findings).toContainEqual(
      expect.objectContaining({ rule: "deck-missing", recordId: "0065g00000AbCdG" }),
    );
    // A head count alone is no recorded segment: nothing to compare it with.
    expect(load.available?.fields.has("account.employees")).toBe(true);
    const states = new Map(evaluation.rules.map((state) => [state.rule, state]));
    expect(states.get("segment-mismatch")?.on).toBe(false);
    expect(states.get("account-unranked")?.reason).toBe(
      'no field for account.tier: add an account\'s "Tier" column to the report (or name yours under csv.columns.tier), or add accounts.csv with the columns id,name,ownerEmail,segment,employees,tier,potentialUsers,tierNotes',
    );
  });

  it("turns account-unranked on with a Tier column, and `scan` flags the account with no tier", () => {
    const folder = exampleWithAccountColumns(["Tier"], {
      "0065g00000AbCdE": ["Tier 1"],
      "0065g00000AbCdG": ["2"],
      "0065g00000AbCdH": ["3"],
    });
    const run = runCli(["scan", "--dry-run", "--json"], {
      DATA_SOURCE: `csv:${folder}`,
      NUDGEBOT_NOW: NOW,
      DATABASE_URL: `sqlite:${join(folder, "x.db")}`,
    });
    expect(run.status).toBe(0);
    const unranked = run.stdout
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line) as { rule: string; recordId: string; owner: string })
      .filter((finding) => finding.rule === "account-unranked");
    expect(unranked).toEqual([
      expect.objectContaining({ recordId: "0015g00000BbBbB", owner: "maria.lopez@example.com" }),
    ]);
  });

  it("checks a recorded Segment against Employees, and leaves an Enterprise segment out", async () => {
    const folder = exampleWithAccountColumns(["Segment", "Employees"], {
      "0065g00000AbCdE": ["SMB", "400"],
      "0065g00000AbCdF": ["Mid-Market", "250"],
      "0065g00000AbCdG": ["Enterprise", ""],
    });
    const load = await new CsvSource(folder).load();
    expect(load.issues).toEqual([]);
    const evaluation = evaluate(load);
    const mismatches = listFindings(evaluation)
      .filter((finding) => finding.rule === "segment-mismatch")
      .map((finding) => finding.recordId);
    expect(mismatches).toEqual(["0015g00000AaAaA"]);
    expect(evaluation.leftOut).toMatchObject({ enterpriseAccounts: 1, enterpriseOpportunities: 1 });
  });

  it("reports a bad Employees cell with its line and keeps the opportunity; first row wins for an account", async () => {
    const folder = exampleWithAccountColumns(
      ["Employees", "Tier"],
      { "0065g00000AbCdE": ["many", "1"], "0065g00000AbCdF": ["30", "soon"] },
      (text) =>
        text.concat(
          'Maria Lopez,Globex,Globex - Renewal,Qualification,"$1,000.00",4/20/2026,Demo for the team,3/2/2026,Web,0065g00000AbCdJ,0015g00000BbBbB,"1,200",2\r\n' +
            // The same bad cell on the account's other row is not reported again.
            'Maria Lopez,Acme Corp,Acme - Add-on,Qualification,"$1,000.00",4/20/2026,Demo for the team,3/2/2026,Web,0065g00000AbCdK,0015g00000AaAaA,many,1\r\n',
        ),
    );
    const { snapshot, issues } = await new CsvSource(folder).load();
    expect(snapshot.opportunities.map((opp) => opp.id)).toContain("0065g00000AbCdE");
    expect(snapshot.opportunities).toHaveLength(6);
    expect(issues.map(formatIssue)).toEqual([
      'opportunities.csv, line 2, Employees: expected a whole number such as 2500 or 2,500, got "many"; the account is read without it',
      'opportunities.csv, line 3, Tier: expected one of 1, 1.5, 2, 3 (or "Tier 1" …), got "soon"; the account is read without it',
      'opportunities.csv, line 6, Employees: account "Globex" has "1200" here but "30" on line 3; line 3 is used',
    ]);
    const byId = new Map(snapshot.accounts.map((account) => [account.id, account]));
    expect(byId.get("0015g00000AaAaA")).toMatchObject({ employees: null, tier: "1" });
    expect(byId.get("0015g00000BbBbB")).toMatchObject({ employees: 30, tier: null });
  });
});
