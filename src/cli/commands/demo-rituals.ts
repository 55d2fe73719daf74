// The team's rituals in `nudgebot demo --history`: trips planned with the ROI planner and noted after,
// Give Back projects submitted and completed, and the monthly adoption check-ins answered, each on its
// day through the services the Slack handlers call. Scripted and seeded: the same weeks every run.
import type { App } from "../../app.ts";
import { type Adoption, adoption, monthOf } from "../../domain/adoption.ts";
import { addDays } from "../../domain/dates.ts";
import type { Rep } from "../../domain/model.ts";
import { formatMoney } from "../../domain/money.ts";
import { tripRoi } from "../../domain/roi.ts";
import { Directory } from "../../services/directory.ts";
import type { TripNotesInput } from "../../services/forms/trip-forms.ts";
import { GiveBackService, teamMembers } from "../../services/give-backs.ts";
import { PipelineCache } from "../../services/pipeline-cache.ts";
import type { SlackApi } from "../../services/ports/slack-port.ts";
import { QuietDays } from "../../services/quiet-days.ts";
import { TripService } from "../../services/trips.ts";
import { classifySlackError } from "../../slack/slack-errors.ts";
import { sampleSource } from "../../sources/sample/sample-source.ts";
import type { QuietStore } from "../../store/quiet-store.ts";
import type { RitualsStore } from "../../store/rituals-store.ts";
import type { DirectoryStore, OutboxStore, Store } from "../../store/store.ts";
import { TRIP_CURRENCY } from "../../web/pages/trips-section.ts";
import { NO_ANSWER, PROJECTS, TRIPS, UNPLANNED_VISIT } from "./demo-rituals-script.ts";

/**
 * The demo has no Slack workspace. The services get one that refuses every call: the demo plays what
 * people submit and answer, not the Slack-facing jobs (reminders, check-in queuing) that would use it.
 */
const offline = (call: string) => () => Promise.reject(new Error(`the demo has no Slack (${call})`));
const offlineSlack: SlackApi = {
  failureOf: classifySlackError,
  postMessage: offline("chat.postMessage"),
  updateMessage: offline("chat.update"),
  findSentMessage: offline("conversations.history"),
  lookupUserByEmail: offline("users.lookupByEmail"),
  listUsers: offline("users.list"),
  userEmail: offline("users.info"),
  userStatus: offline("users.info"),
  listUserStatuses: offline("users.list"),
  findChannelByName: offline("conversations.list"),
  joinChannel: offline("conversations.join"),
  openView: offline("views.open"),
  updateView: offline("views.update"),
  publishHome: offline("views.publish"),
};

export interface RitualsDemo {
  /** Plays what the team does on `date` (the `day`-th day of the demo), at `now`. */
  playDay(day: number, date: string, now: Date): Promise<void>;
  /** One line for the report: the trips, the projects and adoption by month against the goal. */
  summary(months: string[]): Promise<string>;
}

export function ritualsDemo(input: {
  app: App;
  /** What the trip, Give Back, directory and quiet-day services and the demo's summary read. */
  store: RitualsStore & OutboxStore & DirectoryStore & QuietStore & Pick<Store, "reports">;
  reps: Rep[];
  random: () => number;
  /** The demo's first date, day 0. */
  start: string;
}): RitualsDemo {
  const { app, store, reps, random, start } = input;
  const clock = { now: new Date(0) };
  let ids = 0;
  const deps = {
    store,
    config: app.config,
    logger: app.logger.child({ component: "rituals" }),
    clock: () => new Date(clock.now),
    newId: () => {
      ids += 1;
      return `demo-${String(ids).padStart(4, "0")}`;
    },
    pipeline: new PipelineCache({
      source: sampleSource(),
      settings: app.config.rules,
      defaultTimezone: app.config.defaultTimezone,
      logger: app.logger,
      clock: () => new Date(clock.now),
    }),
    directory: new Directory({ store, slack: offlineSlack, logger: app.logger, clock: () => clock.now }),
    quiet: new QuietDays({ store, config: app.config }),
  };
  const trips = new TripService(deps);
  const giveBacks = new GiveBackService(deps);
  const userId = (email: string) => `demo:${email}`;
  const dateOf = (day: number) => addDays(start, day);
  const planned = new Map<string, string>();
  const projects = new Map<string, string>();
  const members = teamMembers(reps);
  const { checkInDay, adoptionGoal } = app.config.giveBack;

  async function playDay(day: number, date: string, now: Date): Promise<void> {
    clock.now = now;
    for (const trip of TRIPS) {
      if (trip.planOn === day) {
        const plan = {
          ...trip.plan,
          eventName: trip.eventName,
          startDate: dateOf(trip.from),
          endDate: dateOf(trip.to),
        };
        planned.set(trip.eventName, (await trips.plan(trip.rep, plan)).trip.id);
      }
      if (trip.notes?.on === day) {
        await trips.submitNotes(trip.rep, userId(trip.rep), {
          ...notesInput(trip.eventName, dateOf(trip.from), dateOf(trip.to)),
          ...trip.notes,
          tripId: planned.get(trip.eventName) ?? null,
        });
      }
    }
    if (UNPLANNED_VISIT.on === day) {
      const { rep, eventName, pipelineCreated } = UNPLANNED_VISIT;
      const visit = dateOf(UNPLANNED_VISIT.day);
      await trips.submitNotes(rep, userId(rep), { ...notesInput(eventName, visit, visit), pipelineCreated });
    }
    for (const script of PROJECTS) {
      for (const [on, status] of script.statuses) {
        if (on !== day) continue;
        const id = projects.get(script.input.title);
        // The author keeps their project's status up to date, as /giveback list lets them.
        if (id) await giveBacks.setStatus({ email: script.rep, isAdmin: false }, id, status);
        else {
          const project = await giveBacks.submit(script.rep, userId(script.rep), { ...script.input, status });
          projects.set(script.input.title, project.id);
        }
      }
    }
    if (isCheckInDay(date)) await answerCheckIns(date);
  }

  /** The month's check-in goes out on its first working day from `checkInDay` (queueCheckIns). */
  function isCheckInDay(date: string): boolean {
    const dayOfMonth = Number(date.slice(8, 10));
    if (dayOfMonth < checkInDay || isWeekend(date)) return false;
    for (let back = addDays(date, -1); monthOf(back) === monthOf(date); back = addDays(back, -1)) {
      if (Number(back.slice(8, 10)) < checkInDay) break;
      if (!isWeekend(back)) return false;
    }
    return true;
  }

  /** On the check-in day each member answers each completed project's check-in, or leaves it. */
  async function answerCheckIns(date: string): Promise<void> {
    const month = monthOf(date);
    const done = PROJECTS.filter((script) =>
      script.statuses.some(([on, status]) => status === "completed" && dateOf(on) <= date),
    );
    for (const member of members) {
      for (const script of done) {
        if (random() < NO_ANSWER) continue;
        const used = random() < script.uptake;
        const id = projects.get(script.input.title);
        if (id) await giveBacks.answerCheckIn(member.email, id, month, used);
      }
    }
  }

  async function summary(months: string[]): Promise<string> {
    const [notes, open, projectList, answers] = await Promise.all([
      store.listTripNotes(),
      store.listPlannedTrips(),
      store.listGiveBacks(),
      store.reports.adoptionYesSince(months[0] ?? ""),
    ]);
    const noted = await Promise.all(
      notes.map(async (entry) => {
        const trip = entry.tripId ? await store.getPlannedTrip(entry.tripId) : null;
        return trip && entry.pipelineCreated !== null
          ? entry.pipelineCreated >= tripRoi(trip, app.config.roi).pipelineNeeded
          : null;
      }),
    );
    const met = noted.filter((value) => value === true).length;
    const missed = noted.filter((value) => value === false).length;
    const completed = projectList.filter((project) => project.status === "completed").length;
    const byMonth = months.map((month) => {
      const yes = new Set(answers.filter((answer) => answer.month === month).map((answer) => answer.rep));
      return adoptionText(adoption(month, yes.size, members.length, adoptionGoal));
    });
    const created = notes.reduce((sum, entry) => sum + (entry.pipelineCreated ?? 0), 0);
    return (
      `Rituals: ${notes.length + open.length} trips, ${notes.length} noted (${formatMoney(created, TRIP_CURRENCY)} ` +
      `pipeline created; ${met} above its target, ${missed} below); ${projectList.length} Give Back projects, ` +
      `${completed} completed; adoption ${byMonth.join(", ")} (goal ${Math.round(adoptionGoal * 100)}%, ` +
      `check-ins from day ${checkInDay})`
    );
  }

  return { playDay, summary };
}

function adoptionText(entry: Adoption): string {
  const share = `${Math.round((entry.rate ?? 0) * 100)}%`;
  return `${entry.month} ${share}${entry.meetsGoal ? " ✓" : ""}`;
}

function notesInput(eventName: string, startDate: string, endDate: string): TripNotesInput {
  return {
    tripId: null,
    eventName,
    startDate,
    endDate,
    location: null,
    accountsMet: null,
    insights: "Met the buyer and their team; next step booked.",
    pipelineCreated: null,
    followUps: "Send the proposal and book the technical review.",
    notesUrl: null,
    feedbackShared: true,
  };
}

const isWeekend = (date: string) => [0, 6].includes(new Date(`${date}T00:00:00Z`).getUTCDay());
