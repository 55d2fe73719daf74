// Pausing nudges: a rep for themselves, a manager for their reps, an admin for anyone. The pause is
// kept in the store (it survives restarts) and every job respects it through QuietDays.
import { nextWorkingDay } from "../domain/calendar.ts";
import { localDate } from "../domain/dates.ts";
import type { IsoDate, Rep } from "../domain/model.ts";
import { type PauseLength, type PauseTarget, pauseUntil } from "../domain/pause-request.ts";
import type { Logger } from "../logging.ts";
import type { Pause, QuietStore } from "../store/quiet-store.ts";
import type { Viewer } from "./access.ts";
import type { Directory } from "./directory.ts";
import type { PipelineCache } from "./pipeline-cache.ts";
import type { QuietDays } from "./quiet-days.ts";

export interface PauseDeps {
  store: QuietStore;
  pipeline: PipelineCache;
  directory: Directory;
  quiet: QuietDays;
  logger: Logger;
  clock: () => Date;
}

export type PauseOutcome =
  | { status: "paused"; rep: Rep; self: boolean; until: IsoDate; resumesOn: IsoDate | null }
  | { status: "resumed"; rep: Rep; self: boolean; wasPaused: boolean }
  | { status: "refused"; message: string };

/** A pause as App Home shows it. */
export interface PauseState {
  until: IsoDate;
  resumesOn: IsoDate | null;
}

export class PauseService {
  constructor(private readonly deps: PauseDeps) {}

  async pause(viewer: Viewer, target: PauseTarget, length: PauseLength): Promise<PauseOutcome> {
    const found = await this.target(viewer, target);
    if ("message" in found) return { status: "refused", ...found };
    const { rep, self } = found;
    const today = localDate(this.deps.clock(), rep.timezone);
    const settings = this.deps.quiet.settings;
    const asked = pauseUntil(length, today, rep, settings);
    if ("error" in asked) return { status: "refused", message: asked.error };
    const email = rep.email.toLowerCase();
    await this.deps.store.savePause({
      rep: email,
      until: asked.until,
      pausedBy: viewer.userId,
      createdAt: this.deps.clock(),
    });
    this.deps.logger.info({ rep: email, until: asked.until, by: viewer.userId }, "nudges paused");
    return {
      status: "paused",
      rep,
      self,
      until: asked.until,
      resumesOn: nextWorkingDay(rep, asked.until, settings),
    };
  }

  async resume(viewer: Viewer, target: PauseTarget): Promise<PauseOutcome> {
    const found = await this.target(viewer, target);
    if ("message" in found) return { status: "refused", ...found };
    const wasPaused = await this.deps.store.deletePause(found.rep.email.toLowerCase());
    if (wasPaused) this.deps.logger.info({ rep: found.rep.email, by: viewer.userId }, "nudges resumed");
    return { status: "resumed", rep: found.rep, self: found.self, wasPaused };
  }

  /** The viewer's own pause in force today, if any. */
  async current(rep: Rep): Promise<PauseState | null> {
    const email = rep.email.toLowerCase();
    const pause: Pause | undefined = (await this.deps.quiet.pausesAt(this.deps.clock())).get(email);
    const today = localDate(this.deps.clock(), rep.timezone);
    if (!pause || pause.until < today) return null;
    return { until: pause.until, resumesOn: nextWorkingDay(rep, pause.until, this.deps.quiet.settings) };
  }

  /** The rep to pause and whether the viewer may: their own, their reps' (managers), anyone's (admins). */
  private async target(
    viewer: Viewer,
    target: PauseTarget,
  ): Promise<{ rep: Rep; self: boolean } | { message: string }> {
    const { snapshot } = await this.deps.pipeline.current();
    const byEmail = (email: string | null) =>
      email ? (snapshot.reps.find((rep) => rep.email.toLowerCase() === email.toLowerCase()) ?? null) : null;
    let rep: Rep | null;
    if (target.kind === "self") {
      rep = viewer.rep;
      if (!rep) return { message: "You are not one of the reps I nudge, so there is nothing to pause." };
    } else {
      const email = target.kind === "email" ? target.email : await this.deps.directory.emailOf(target.userId);
      rep = byEmail(email);
      if (!rep) return { message: "That person is not one of the reps I nudge." };
    }
    const self = viewer.rep !== null && rep.email.toLowerCase() === viewer.rep.email.toLowerCase();
    const manages =
      viewer.isManager && viewer.email !== null && rep.managerEmail?.toLowerCase() === viewer.email;
    if (!self && !viewer.isAdmin && !manages) {
      return {
        message: `You can pause only your own nudges, or your reps' if you manage them; ${rep.name} is not on your team.`,
      };
    }
    return { rep, self };
  }
}
