// Give Back projects: saved then posted to the team channel; status kept up to date by their
// authors; a monthly "did you use it?" check-in per completed project measures adoption against
// the goal; new hires without a project get a weekly reminder.
import { randomUUID } from "node:crypto";
import type { Config } from "../config/config.ts";
import { adoption, monthOf, previousMonth } from "../domain/adoption.ts";
import { addDays, localTime } from "../domain/dates.ts";
import type { Rep } from "../domain/model.ts";
import type { GiveBackProject, GiveBackStatus } from "../domain/rituals.ts";
import type { Logger } from "../logging.ts";
import {
  checkInMessage,
  giveBackPost,
  newHireReminder,
  type ProjectRow,
} from "../messages/give-back-views.ts";
import type { RitualsStore } from "../store/rituals-store.ts";
import type { OutboxStore } from "../store/store.ts";
import { channelTarget } from "./channel-directory.ts";
import type { Directory } from "./directory.ts";
import type { GiveBackInput } from "./forms/give-back-form.ts";
import { adoptionKey, giveBackKey, giveBackReminderKey, OUTBOX_PREFIX } from "./outbox-keys.ts";
import type { PipelineCache } from "./pipeline-cache.ts";
import type { QuietDays } from "./quiet-days.ts";

export interface GiveBackDeps {
  store: RitualsStore & OutboxStore;
  pipeline: PipelineCache;
  directory: Directory;
  config: Pick<Config, "giveBack" | "channel" | "digest" | "defaultTimezone">;
  logger: Logger;
  clock: () => Date;
  quiet: QuietDays;
  newId?: () => string;
}

/** The team whose adoption counts: the sellers and their managers (sales ops admins are not). */
export function teamMembers(reps: Rep[]): Rep[] {
  return reps.filter((rep) => rep.role === "ae" || rep.role === "manager");
}

export class GiveBackService {
  private readonly newId: () => string;

  constructor(private readonly deps: GiveBackDeps) {
    this.newId = deps.newId ?? randomUUID;
  }

  async submit(rep: string, userId: string, input: GiveBackInput): Promise<GiveBackProject> {
    const project: GiveBackProject = { ...input, id: this.newId(), rep, createdAt: this.deps.clock() };
    await this.deps.store.saveGiveBack(project, [
      {
        key: giveBackKey(project.id),
        kind: "give-back",
        channel: channelTarget(this.deps.config.channel.name),
        payload: giveBackPost(project, userId),
      },
    ]);
    this.deps.logger.info({ rep, project: project.id }, "give back project saved");
    return project;
  }

  /** Projects with this month's and last month's adoption, as seen from `timezone`. */
  async list(viewer: { email: string | null; isAdmin: boolean }, timezone: string): Promise<ProjectRow[]> {
    const { store, pipeline, clock, config } = this.deps;
    const month = monthOf(localTime(clock(), timezone).date);
    const last = previousMonth(month);
    const [projects, yesNow, yesLast, view] = await Promise.all([
      store.listGiveBacks(),
      store.adoptionYes(month),
      store.adoptionYes(last),
      pipeline.current(),
    ]);
    const teamSize = teamMembers(view.snapshot.reps).length;
    const goal = config.giveBack.adoptionGoal;
    return projects.map((project) => ({
      project,
      thisMonth: adoption(month, yesNow.get(project.id) ?? 0, teamSize, goal),
      lastMonth: adoption(last, yesLast.get(project.id) ?? 0, teamSize, goal),
      mine: viewer.isAdmin || project.rep === viewer.email,
    }));
  }

  /** Changes a project's status; only its author or an admin may. */
  async setStatus(
    viewer: { email: string | null; isAdmin: boolean },
    projectId: string,
    status: GiveBackStatus,
  ): Promise<boolean> {
    const project = await this.deps.store.getGiveBack(projectId);
    if (!project || (!viewer.isAdmin && project.rep !== viewer.email)) return false;
    await this.deps.store.setGiveBackStatus(projectId, status, this.deps.clock());
    return true;
  }

  async answerCheckIn(
    rep: string,
    projectId: string,
    month: string,
    used: boolean,
  ): Promise<{ first: boolean; project: GiveBackProject | null }> {
    const project = await this.deps.store.getGiveBack(projectId);
    const first = project
      ? await this.deps.store.answerCheckIn(projectId, rep, month, used, this.deps.clock())
      : false;
    return { first, project };
  }

  /**
   * Queues this month's check-ins: one per team member and completed project, from the check-in
   * day (the member's first working day in their window on or after it), once per month.
   */
  async queueCheckIns(): Promise<number> {
    const { store, pipeline, directory, config, clock } = this.deps;
    const completed = (await store.listGiveBacks()).filter((project) => project.status === "completed");
    if (completed.length === 0) return 0;
    const now = clock();
    const { snapshot } = await pipeline.current("cached");
    const check = await this.deps.quiet.at(now);
    const due = teamMembers(snapshot.reps)
      .map((rep) => ({ rep, state: check.of(rep.email, rep) }))
      .filter(({ state }) => Number(state.local.date.slice(8, 10)) >= config.giveBack.checkInDay && state.due)
      .map(({ rep, state }) => ({ rep, local: state.local }));
    if (due.length === 0) return 0;
    const queued = await store.queuedKeys(OUTBOX_PREFIX.adoption);
    const users = await directory.resolve(due.map(({ rep }) => rep.email));
    let count = 0;
    for (const { rep, local } of due) {
      const userId = users.get(rep.email.toLowerCase());
      if (!userId) continue;
      const month = monthOf(local.date);
      for (const project of completed) {
        const key = adoptionKey(project.id, rep.email, month);
        if (queued.has(key)) continue;
        if (
          await store.enqueue(
            { key, kind: "check-in", channel: userId, payload: checkInMessage(project, month) },
            now,
          )
        )
          count += 1;
      }
    }
    return count;
  }

  /** Queues the weekly reminder of reps hired within `newHireDays` who have not submitted a project. */
  async queueNewHireReminders(): Promise<number> {
    const { store, pipeline, directory, config, clock } = this.deps;
    const now = clock();
    const { snapshot } = await pipeline.current("cached");
    const authors = new Set((await store.listGiveBacks()).map((project) => project.rep));
    const check = await this.deps.quiet.at(now);
    const due = teamMembers(snapshot.reps)
      .filter((rep) => rep.startDate !== null && !authors.has(rep.email))
      .map((rep) => ({ rep, state: check.of(rep.email, rep) }))
      .filter(
        ({ rep, state }) =>
          (rep.startDate as string) >= addDays(state.local.date, -config.giveBack.newHireDays),
      )
      .filter(({ state }) => state.due)
      .map(({ rep, state }) => ({ rep, local: state.local }));
    if (due.length === 0) return 0;
    const queued = await store.queuedKeys(OUTBOX_PREFIX.giveBackReminder);
    const pending = due.filter(
      ({ rep, local }) => !queued.has(giveBackReminderKey(rep.email, local.date, local.weekday)),
    );
    if (pending.length === 0) return 0;
    const users = await directory.resolve(pending.map(({ rep }) => rep.email));
    let count = 0;
    for (const { rep, local } of pending) {
      const userId = users.get(rep.email.toLowerCase());
      if (!userId) continue;
      const message = {
        key: giveBackReminderKey(rep.email, local.date, local.weekday),
        kind: "reminder",
        channel: userId,
        payload: newHireReminder(rep.name.split(" ")[0] ?? rep.name),
      };
      if (await store.enqueue(message, now)) count += 1;
    }
    return count;
  }
}
