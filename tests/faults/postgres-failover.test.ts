// A PostgreSQL connection killed mid-transaction (pg_terminate_backend, as a failover does): the
// write fails and is rolled back whole, the process lives on, and the next write works. Runs on
// the suite's server (TEST_DATABASE_URL).
import pg from "pg";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { PlannedTrip, TripNotes } from "../../src/domain/rituals.ts";
import { startJobs } from "../../src/jobs/index.ts";
import { openStore, type SqlStore } from "../../src/store/sql-store.ts";
import { eventually, startHarness } from "../helpers/bot-harness.ts";
import { freshPostgresDatabase, POSTGRES_URL } from "../helpers/postgres.ts";

const NOW = new Date("2026-03-10T15:00:00Z");
const message = (key: string) => ({ key, kind: "digest", channel: "UAVA", payload: { text: key } });

/**
 * Runs `operation` while `table` is locked, so it blocks inside its transaction on that table, then
 * kills its backend as a failover would, and resolves to what the operation threw (or null).
 */
export async function killMidOperation(
  url: string,
  table: string,
  operation: () => Promise<unknown>,
  // SHARE blocks writers only, so the bot's reads (metrics, lookups) go on and are not the ones killed.
  mode: "SHARE" | "ACCESS EXCLUSIVE" = "SHARE",
): Promise<unknown> {
  const locker = new pg.Client({ connectionString: url });
  const admin = new pg.Client({ connectionString: url });
  await Promise.all([locker.connect(), admin.connect()]);
  try {
    await locker.query("BEGIN");
    await locker.query(`LOCK TABLE ${table} IN ${mode} MODE`);
    const outcome = operation().then(
      () => null,
      (error: unknown) => error,
    );
    for (let tries = 0; ; tries++) {
      const waiting = await admin.query<{ pid: number }>(
        `SELECT pid FROM pg_stat_activity
         WHERE datname = current_database() AND wait_event_type = 'Lock' AND pid <> $1`,
        [(locker as unknown as { processID: number }).processID],
      );
      const pid = waiting.rows[0]?.pid;
      if (pid) {
        await admin.query("SELECT pg_terminate_backend($1)", [pid]);
        break;
      }
      if (tries > 500) throw new Error(`nothing blocked on ${table}`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    await locker.query("ROLLBACK");
    return await outcome;
  } finally {
    await Promise.all([locker.end(), admin.end()]);
  }
}

const trip: PlannedTrip = {
  id: "t1",
  rep: "ava@example.com",
  eventName: "KubeCon",
  startDate: "2026-03-02",
  endDate: "2026-03-04",
  travelCost: 1,
  foodAndLodgingCost: 2,
  meals: 0,
  customers: 0,
  times: 0,
  costPerMeal: 0,
  businessHoursAway: 8,
  personalHoursAway: 2,
  meetingsBooked: 3,
  status: "planned",
  remindersSent: 0,
  createdAt: NOW,
};
const notes: TripNotes = {
  id: "n1",
  rep: "ava@example.com",
  tripId: "t1",
  eventName: "KubeCon",
  startDate: "2026-03-02",
  endDate: "2026-03-04",
  location: null,
  accountsMet: null,
  insights: "x",
  pipelineCreated: 10,
  followUps: null,
  notesUrl: null,
  feedbackShared: true,
  createdAt: NOW,
};

describe.skipIf(!POSTGRES_URL)("a PostgreSQL connection killed mid-transaction", () => {
  let store: SqlStore;
  let url = "";
  let drop: () => Promise<void> = async () => {};
  beforeEach(async () => {
    ({ url, drop } = await freshPostgresDatabase());
    store = openStore({ kind: "postgres", url: url });
    await store.migrate();
  });
  afterEach(async () => {
    await store.close();
    await drop();
  });

  /** The store answers again after the kill: the dead connection was discarded, not reused. */
  async function stillWorks() {
    await store.ping();
    expect(await store.getSetting("missing")).toBeNull();
  }

  it("fails a digest claim whole (no claim, nothing queued), and the next claim goes through", async () => {
    const claim = { rep: "ava@example.com", localDate: "2026-03-10", findingCount: 2, claimedAt: NOW };
    const error = await killMidOperation(url, "outbox", () =>
      store.claimDigest(claim, message("digest:ava:2026-03-10")),
    );
    expect(error).toMatchObject({ code: "STORE_FAILED" });
    expect(await store.listDigestClaims("2026-03-10")).toEqual([]);
    await stillWorks();
    expect(await store.claimDigest(claim, message("digest:ava:2026-03-10"))).toBe(true);
    expect((await store.outboxStats(NOW)).depth).toBe(1);
  });

  it("fails saving trip notes whole: the trip stays planned and nothing is queued", async () => {
    await store.savePlannedTrip(trip);
    const error = await killMidOperation(url, "outbox", () =>
      store.saveTripNotes(notes, [message("trip-notes:n1")]),
    );
    expect(error).toMatchObject({ code: "STORE_FAILED" });
    expect(await store.listTripNotes()).toEqual([]);
    expect((await store.listPlannedTrips()).map((planned) => planned.id)).toEqual(["t1"]);
    await stillWorks();
    await store.saveTripNotes(notes, [message("trip-notes:n1")]);
    expect(await store.listPlannedTrips()).toEqual([]);
    expect(await store.getMessage("trip-notes:n1")).toMatchObject({ status: "pending" });
  });

  it("fails saving a Give Back project whole", async () => {
    const project = {
      id: "g1",
      rep: "ava@example.com",
      title: "AMA",
      problem: "p",
      description: null,
      coeTopic: null,
      trackingUrl: null,
      repeatable: false,
      handbookUrl: null,
      status: "proposed" as const,
      createdAt: NOW,
    };
    const error = await killMidOperation(url, "outbox", () =>
      store.saveGiveBack(project, [message("give-back:g1")]),
    );
    expect(error).toMatchObject({ code: "STORE_FAILED" });
    expect(await store.listGiveBacks()).toEqual([]);
    await stillWorks();
    await store.saveGiveBack(project, [message("give-back:g1")]);
    expect((await store.listGiveBacks()).map((saved) => saved.id)).toEqual(["g1"]);
  });

  it("fails a trip reminder claim whole: the reminder is not counted, so it is claimed again", async () => {
    await store.savePlannedTrip(trip);
    const error = await killMidOperation(url, "outbox", () =>
      store.claimTripReminder("t1", "2026-03-05", 3, message("trip-reminder:t1:1"), NOW),
    );
    expect(error).toMatchObject({ code: "STORE_FAILED" });
    expect((await store.getPlannedTrip("t1"))?.remindersSent).toBe(0);
    await stillWorks();
    expect(await store.claimTripReminder("t1", "2026-03-05", 3, message("trip-reminder:t1:1"), NOW)).toBe(
      true,
    );
  });

  it("fails a Slack directory refresh whole, and a plain query", async () => {
    const users = [{ email: "ava@example.com", userId: "UAVA", checkedAt: NOW }];
    expect(await killMidOperation(url, "slack_users", () => store.saveSlackUsers(users))).toMatchObject({
      code: "STORE_FAILED",
    });
    expect(await store.getSlackUsers(["ava@example.com"])).toEqual([]);
    expect(
      await killMidOperation(url, "settings", () => store.getSetting("channel"), "ACCESS EXCLUSIVE"),
    ).toBeInstanceOf(Error);
    await stillWorks();
    await store.saveSlackUsers(users);
    expect((await store.findSlackUserById("UAVA"))?.email).toBe("ava@example.com");
  });
});

describe.skipIf(!POSTGRES_URL)("the bot when its PostgreSQL connection is killed mid-write", () => {
  let drop: () => Promise<void> = async () => {};
  afterEach(async () => {
    await drop();
  });

  it("sends the digest on the next run when the claim was cut off, once", async () => {
    const database = await freshPostgresDatabase();
    drop = database.drop;
    // Monday 9 March, 10:00 in New York: Ava's digest is due.
    const harness = await startHarness({ now: "2026-03-09T14:00:00Z", databaseUrl: database.url });
    const jobs = startJobs(harness.bot.jobDeps, "only");
    try {
      const error = await killMidOperation(database.url, "outbox", () => jobs.digests.runNow());
      expect(error).toBeNull(); // the job logged the failure and goes on
      expect(harness.slack.callsOf("chat.postMessage")).toEqual([]);
      for (const minute of ["14:01", "14:02"]) {
        harness.clock.now = new Date(`2026-03-09T${minute}:00Z`);
        await jobs.digests.runNow();
      }
      const digests = harness.slack.delivered.filter((sent) =>
        JSON.stringify(sent.metadata).includes('"key":"digest:'),
      );
      expect(digests.map((sent) => sent.channel)).toEqual(["DAVA"]);
    } finally {
      await jobs.stop();
      await harness.stop();
    }
  });

  it("tells the rep their trip notes were not saved (the modal stays open), and a resubmit posts once", async () => {
    const database = await freshPostgresDatabase();
    drop = database.drop;
    const harness = await startHarness({ now: NOW.toISOString(), databaseUrl: database.url });
    const text = (value: string) => ({ type: "plain_text_input", value });
    const submit = () =>
      harness.interaction({
        type: "view_submission",
        user: { id: "UAVA" },
        view: {
          id: "V1",
          type: "modal",
          callback_id: "tripnote_modal",
          private_metadata: "",
          state: {
            values: {
              eventName: { value: text("DevOps Days Austin") },
              startDate: { value: { type: "datepicker", selected_date: "2026-03-02" } },
              endDate: { value: { type: "datepicker", selected_date: "2026-03-04" } },
              insights: { value: text("Platform teams want one tool") },
              pipelineCreated: { value: { type: "number_input", value: "42000" } },
              feedbackShared: { value: { type: "radio_buttons", selected_option: { value: "yes" } } },
            },
          },
        },
      });
    try {
      await harness.bot.directory.resolve(["ava@example.com"]);
      let response: Response | undefined;
      await killMidOperation(database.url, "outbox", async () => {
        response = await submit();
      });
      // Not acknowledged (Bolt answers 404 after 3 s): Slack shows its error in the still-open
      // modal, with what the rep typed kept.
      expect(response?.ok).toBe(false);
      expect(await harness.bot.store.listTripNotes()).toEqual([]);
      expect((await submit()).status).toBe(200);
      // The listener sends after its ack: wait for that, then check a further drain adds nothing.
      const posts = () =>
        harness.slack.delivered.filter((sent) => JSON.stringify(sent.metadata).includes("trip-notes:"));
      await eventually(() => posts().length > 0);
      await harness.bot.sender.drain();
      expect(posts().map((sent) => sent.channel)).toEqual(["CTEAM"]);
      expect(await harness.bot.store.listTripNotes()).toHaveLength(1);
    } finally {
      await harness.stop();
    }
  });

  it("leaves a Give Back submission unacknowledged when its save was cut off, and a resubmit posts once", async () => {
    const database = await freshPostgresDatabase();
    drop = database.drop;
    const harness = await startHarness({ now: NOW.toISOString(), databaseUrl: database.url });
    const field = (value: Record<string, unknown>) => ({ value });
    const submit = () =>
      harness.interaction({
        type: "view_submission",
        user: { id: "UAVA" },
        view: {
          id: "V1",
          type: "modal",
          callback_id: "giveback_modal",
          private_metadata: "",
          state: {
            values: {
              title: field({ type: "plain_text_input", value: "Customer AMA" }),
              problem: field({ type: "plain_text_input", value: "Reps never hear customers' own words" }),
              repeatable: field({ type: "radio_buttons", selected_option: { value: "no" } }),
              status: field({ type: "static_select", selected_option: { value: "proposed" } }),
            },
          },
        },
      });
    try {
      await harness.bot.directory.resolve(["ava@example.com"]);
      let response: Response | undefined;
      await killMidOperation(database.url, "outbox", async () => {
        response = await submit();
      });
      expect(response?.ok).toBe(false);
      expect(await harness.bot.store.listGiveBacks()).toEqual([]);
      expect((await submit()).status).toBe(200);
      // The listener sends after its ack: wait for that, then check a further drain adds nothing.
      const posts = () =>
        harness.slack.delivered.filter((sent) => JSON.stringify(sent.metadata).includes("give-back:"));
      await eventually(() => posts().length > 0);
      await harness.bot.sender.drain();
      expect(posts().map((sent) => sent.channel)).toEqual(["CTEAM"]);
    } finally {
      await harness.stop();
    }
  });

  it("sends a trip reminder on the next run when its claim was cut off, once", async () => {
    const database = await freshPostgresDatabase();
    drop = database.drop;
    // Tuesday 10 March, 11:00 in New York; Ava's trip ended on the 4th without notes.
    const harness = await startHarness({ now: "2026-03-10T15:00:00Z", databaseUrl: database.url });
    const jobs = startJobs(harness.bot.jobDeps, "only");
    try {
      await harness.bot.store.savePlannedTrip(trip);
      expect(await killMidOperation(database.url, "outbox", () => jobs.rituals.runNow())).toBeNull();
      expect((await harness.bot.store.getPlannedTrip("t1"))?.remindersSent).toBe(0);
      for (const minute of ["15:01", "15:02"]) {
        harness.clock.now = new Date(`2026-03-10T${minute}:00Z`);
        await jobs.rituals.runNow();
      }
      const reminders = harness.slack.delivered.filter((sent) =>
        JSON.stringify(sent.metadata).includes("trip-reminder:"),
      );
      expect(reminders.map((sent) => sent.channel)).toEqual(["DAVA"]);
      expect((await harness.bot.store.getPlannedTrip("t1"))?.remindersSent).toBe(1);
    } finally {
      await jobs.stop();
      await harness.stop();
    }
  });
});
