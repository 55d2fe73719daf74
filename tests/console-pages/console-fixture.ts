// A small team's month in a real SQLite store, and the console pages over it: Ava and Ken report to
// Mia, Cy to someone else, Olga is an admin. Cy's activity-missing nudges mostly go unfixed (noisy).
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadConfig } from "../../src/config/load-config.ts";
import type { Episode } from "../../src/domain/episodes.ts";
import type { RuleId } from "../../src/domain/findings.ts";
import type { Snapshot } from "../../src/domain/model.ts";
import type { PlannedTrip } from "../../src/domain/rituals.ts";
import { DEFAULT_RULE_SETTINGS } from "../../src/domain/settings.ts";
import { makeViewer, type Viewer } from "../../src/services/access.ts";
import { PipelineCache } from "../../src/services/pipeline-cache.ts";
import { workingDayCounter } from "../../src/services/report-working-days.ts";
import { StatsService } from "../../src/services/stats.ts";
import type { PipelineSource } from "../../src/sources/source.ts";
import { openStore } from "../../src/store/sql-store.ts";
import type { Store } from "../../src/store/store.ts";
import type { ConsolePages, PageId } from "../../src/web/console-pages.ts";
import { createConsolePages } from "../../src/web/pages/index.ts";
import { NOW, rep, snapshot } from "../helpers/builders.ts";
import { quietLogger } from "../helpers/quiet-logger.ts";

export { NOW };

export const TEAM: Snapshot = snapshot({
  reps: [
    rep({ email: "ops@example.com", name: "Olga Ops", role: "admin", managerEmail: null }),
    rep({ email: "mia@example.com", name: "Mia Manager", role: "manager", managerEmail: null }),
    rep({ email: "ava@example.com", name: "Ava Okafor" }),
    rep({ email: "ken@example.com", name: "Ken Sato", timezone: "Asia/Tokyo" }),
    rep({ email: "cy@example.com", name: "Cy Vance", managerEmail: "other@example.com" }),
  ],
});

export const fixedSource = (data: Snapshot): PipelineSource => ({
  name: "memory",
  load: async () => ({ snapshot: structuredClone(data), issues: [] }),
});

export interface Console {
  store: Store;
  pages: ConsolePages;
  viewer(email: string): Viewer;
  render(page: PageId, email: string, query?: string): Promise<{ title: string; body: string }>;
}

export async function openConsole(
  options: { data?: Snapshot; source?: PipelineSource; fill?: (store: Store) => Promise<void> } = {},
): Promise<Console> {
  const data = options.data ?? TEAM;
  const store = openStore({
    kind: "sqlite",
    file: join(mkdtempSync(join(tmpdir(), "nudgebot-console-")), "store.db"),
  });
  await store.migrate();
  await (options.fill ?? fillMonth)(store);
  const config = {
    ...loadConfig({ NUDGEBOT_CONFIG: "config/nudgebot.yml" }),
    defaultTimezone: "America/New_York",
  };
  const clock = () => NOW;
  const pipeline = new PipelineCache({
    source: options.source ?? fixedSource(data),
    settings: DEFAULT_RULE_SETTINGS,
    defaultTimezone: config.defaultTimezone,
    logger: quietLogger,
    clock,
  });
  const stats = new StatsService({
    store,
    clock,
    defaultTimezone: config.defaultTimezone,
    workingDays: workingDayCounter(config, () => data.reps),
  });
  // The bot's first scan: pages show what it read (or why it could not), they never read themselves.
  await pipeline.current().catch(() => {});
  const pages = createConsolePages({ store, stats, pipeline, config, clock });
  const viewer = (email: string) => makeViewer(`U-${email}`, email, data.reps, []);
  return {
    store,
    pages,
    viewer,
    render: async (page, email, query = "") => {
      const content = await pages.render(page, viewer(email), new URLSearchParams(query));
      return { title: content.title, body: content.body.toString() };
    },
  };
}

/** Episodes of one rule for one owner, nudged on `nudgedOn`; the first `fixed` fixed on `fixedOn`. */
export async function nudged(
  store: Store,
  spec: {
    rule: RuleId;
    owner: string;
    prefix: string;
    total: number;
    fixed: number;
    nudgedOn: string;
    fixedOn: string;
  },
): Promise<void> {
  const episodes: Episode[] = Array.from({ length: spec.total }, (_, index) => ({
    rule: spec.rule,
    recordId: `${spec.prefix}${index}`,
    recordType: "opportunity",
    owner: spec.owner,
    openedAt: `${spec.nudgedOn}T14:00:00.000Z`,
    openedOn: spec.nudgedOn,
    nudgedOn: null,
    snoozedOn: null,
    resolvedOn: null,
    resolution: null,
  }));
  // As the scans would: opened and nudged on one day, fixed on a later one.
  await store.history.applyEpisodeChanges({
    opened: episodes,
    nudged: episodes.map((e) => ({ rule: e.rule, recordId: e.recordId, nudgedOn: spec.nudgedOn })),
    resolved: [],
  });
  await store.history.applyEpisodeChanges({
    opened: [],
    nudged: [],
    resolved: episodes.slice(0, spec.fixed).map((e) => ({
      rule: e.rule,
      recordId: e.recordId,
      resolvedOn: spec.fixedOn,
      resolution: "fixed" as const,
      // Left for the report to count, as for a fix written before days-to-fix were kept.
      daysToFix: null,
    })),
  });
}

export function plannedTrip(overrides: Partial<PlannedTrip> = {}): PlannedTrip {
  return {
    id: "t1",
    rep: "ava@example.com",
    eventName: "Commit Berlin",
    startDate: "2026-02-16",
    endDate: "2026-02-18",
    travelCost: 1000,
    foodAndLodgingCost: 500,
    meals: 2,
    customers: 3,
    times: 1,
    costPerMeal: 50,
    businessHoursAway: 20,
    personalHoursAway: 4,
    meetingsBooked: 5,
    status: "planned",
    remindersSent: 0,
    createdAt: new Date("2026-02-01T10:00:00Z"),
    ...overrides,
  };
}

/** Sends a message at `at`, as the outbox sender would after Slack accepted it. */
export async function sent(store: Store, key: string, kind: string, at: string): Promise<void> {
  const when = new Date(at);
  await store.enqueue({ key, kind, channel: "UAVA", payload: { text: key } }, when);
  await store.leaseDueMessages("test", when, 60_000, 1);
  await store.markSent(key, "test", { channel: "D1", ts: key }, when);
}

/** The month the page tests read: history, scores, a Give Back project, trips and deliveries. */
export async function fillMonth(store: Store): Promise<void> {
  const common = { nudgedOn: "2026-03-02", fixedOn: "2026-03-03" };
  await nudged(store, {
    rule: "activity-missing",
    owner: "cy@example.com",
    prefix: "C",
    total: 24,
    fixed: 6,
    ...common,
  });
  await nudged(store, {
    rule: "source-missing",
    owner: "ava@example.com",
    prefix: "A",
    total: 4,
    fixed: 3,
    nudgedOn: "2026-02-23",
    fixedOn: "2026-02-24",
  });
  await nudged(store, {
    rule: "source-missing",
    owner: "ken@example.com",
    prefix: "K",
    total: 2,
    fixed: 1,
    ...common,
  });
  await store.history.saveWeeklyScores([
    { rep: "ava@example.com", week: "2026-W09", skill: "next-steps", applicable: 4, clean: 2 },
    { rep: "ava@example.com", week: "2026-W10", skill: "next-steps", applicable: 4, clean: 3 },
    { rep: "ken@example.com", week: "2026-W10", skill: "next-steps", applicable: 2, clean: 2 },
    { rep: "cy@example.com", week: "2026-W10", skill: "next-steps", applicable: 10, clean: 1 },
  ]);
  await store.saveGiveBack(
    {
      id: "p1",
      rep: "ava@example.com",
      title: "Discovery call playbook",
      problem: "New reps ask the same questions",
      description: null,
      coeTopic: "KISS enablement",
      trackingUrl: null,
      repeatable: true,
      handbookUrl: null,
      status: "completed",
      createdAt: new Date("2026-01-20T10:00:00Z"),
    },
    [],
  );
  for (const who of ["ava", "ken", "cy"])
    await store.answerCheckIn("p1", `${who}@example.com`, "2026-02", true, NOW);
  await store.answerCheckIn("p1", "ava@example.com", "2026-03", true, NOW);
  await store.savePlannedTrip(plannedTrip());
  await store.saveTripNotes(
    {
      id: "n1",
      rep: "ava@example.com",
      tripId: "t1",
      eventName: "Commit Berlin",
      startDate: "2026-02-16",
      endDate: "2026-02-18",
      location: "Berlin",
      accountsMet: null,
      insights: "Platform teams want one tool",
      pipelineCreated: 45_000,
      followUps: null,
      notesUrl: null,
      feedbackShared: true,
      createdAt: new Date("2026-02-19T10:00:00Z"),
    },
    [],
  );
  await store.savePlannedTrip(
    plannedTrip({
      id: "t2",
      rep: "cy@example.com",
      eventName: "KubeCon",
      startDate: "2026-03-20",
      travelCost: 2000,
    }),
  );
  await sent(store, "digest:ava@example.com:2026-03-09", "digest", "2026-03-09T14:00:00Z");
  await sent(store, "digest:ken@example.com:2026-03-09", "digest", "2026-03-09T15:00:00Z");
  await sent(store, "manager-digest:mia@example.com:2026-03-09", "manager-digest", "2026-03-09T14:30:00Z");
  await sent(store, "digest:ava@example.com:2026-03-10", "digest", "2026-03-10T14:00:00Z");
  await store.enqueue(
    { key: "digest:cy@example.com:2026-03-10", kind: "digest", channel: "UCY", payload: { text: "x" } },
    NOW,
  );
  const [failing] = await store.leaseDueMessages("test", NOW, 60_000, 1);
  await store.markFailed(failing?.key ?? "", "test", "channel_not_found");
}
