// What reps, managers and admins ask of the bot from Slack, independent of how Slack delivers it.

import type { KnownBlock, View } from "@slack/types";
import type { Config } from "../config/config.ts";
import { addDays, localDate } from "../domain/dates.ts";
import { buildDigest, type Digest, snoozeKey } from "../domain/digest.ts";
import { type DigestPlan, planFor } from "../domain/digest-plan.ts";
import type { Opportunity } from "../domain/model.ts";
import { makeVaguenessCheck } from "../domain/rules/next-step-rules.ts";
import { WriteBackError } from "../errors.ts";
import type { SnoozeValue } from "../slack/ids.ts";
import type { SlackApi } from "../slack/slack-api.ts";
import { replaceRecord } from "../slack/views/record-update.ts";
import type { Store } from "../store/store.ts";
import { makeViewer, ownEvaluation, teamOf, type Viewer } from "./access.ts";
import type { Directory } from "./directory.ts";
import { type CycleDeps, type CycleSummary, runNudgeCycle } from "./nudge-cycle.ts";
import type { PipelineCache, PipelineView } from "./pipeline-cache.ts";
import { type TeamScorecard, teamScorecard, teamScorecards } from "./team-scorecards.ts";

export interface NextStepInput {
  nextStep: string;
  nextStepDate: string;
}

export type NextStepErrors = Partial<Record<keyof NextStepInput, string>>;

/** What the "Update next step" modal can show one viewer for one opportunity. */
export type NextStepTarget =
  | {
      status: "ready";
      opp: Opportunity;
      /** The owner's timezone: "today" for the date check. */
      timezone: string;
      writable: boolean;
    }
  | { status: "missing" }
  | { status: "forbidden" }
  | { status: "failed" };

/** How a submitted next step ended; `opp` is the record as it stands after it. */
export type NextStepOutcome =
  | { status: "saved"; opp: Opportunity }
  | { status: "refused"; opp: Opportunity; field: keyof NextStepInput; message: string }
  | { status: "failed"; opp: Opportunity | null }
  | { status: "missing" }
  | { status: "forbidden" }
  | { status: "read-only" };

/** SPEC's access rule: reps their own records, managers their reps', admins all. */
function mayChange(viewer: Viewer, opp: Opportunity, view: PipelineView): boolean {
  if (viewer.isAdmin) return true;
  if (!viewer.email) return false;
  const owner = opp.ownerEmail.toLowerCase();
  if (owner === viewer.email) return true;
  if (!viewer.isManager) return false;
  const ownerRep = view.snapshot.reps.find((rep) => rep.email.toLowerCase() === owner);
  return ownerRep?.managerEmail?.toLowerCase() === viewer.email;
}

export class NudgeService {
  private readonly isVague: (text: string) => boolean;

  constructor(
    private readonly deps: CycleDeps & {
      slack: SlackApi;
      config: Pick<Config, "digest" | "admins" | "defaultTimezone" | "rules">;
    },
  ) {
    this.isVague = makeVaguenessCheck(deps.config.rules.vaguePhrases, deps.config.rules.minNextStepWords);
  }

  get pipeline(): PipelineCache {
    return this.deps.pipeline;
  }

  get store(): Store {
    return this.deps.store;
  }

  get directory(): Directory {
    return this.deps.directory;
  }

  get slack(): SlackApi {
    return this.deps.slack;
  }

  async viewer(userId: string, fresh = false): Promise<{ viewer: Viewer; view: PipelineView }> {
    const [email, view] = await Promise.all([
      this.deps.directory.emailOf(userId),
      this.deps.pipeline.current(fresh),
    ]);
    return { viewer: makeViewer(userId, email, view.snapshot.reps, this.deps.config.admins), view };
  }

  /** The viewer's live findings (snoozed ones left out), or null when they own no records. */
  async myDigest(viewer: Viewer, view: PipelineView): Promise<Digest | null> {
    const own = ownEvaluation(viewer, view.evaluation);
    const ownsRecords = own !== null && Object.values(own.coverage).some((tally) => tally.applicable > 0);
    if (!own || !ownsRecords) return null;
    const snoozes = await this.deps.store.activeSnoozes(own.owner, own.today);
    return buildDigest(own, new Set(snoozes.map(snoozeKey)));
  }

  /** The viewer's findings as a digest plan (focus records, then one line per rule), or null. */
  async myPlan(viewer: Viewer, view: PipelineView): Promise<DigestPlan | null> {
    const digest = await this.myDigest(viewer, view);
    return digest ? planFor(digest, this.deps.config.digest.focus, this.deps.config.rules) : null;
  }

  /** The CRM's name for "Open in …" buttons; null when records have no page to open. */
  get crmName(): string | null {
    return this.deps.pipeline.source.linkLabel ?? null;
  }

  /** Managers see their team, admins every team (and owners without a manager); reps nothing. */
  team(viewer: Viewer, view: PipelineView): TeamScorecard[] {
    if (viewer.isAdmin) {
      const teams = teamScorecards(view.evaluation);
      const managers = new Set(teams.map((team) => team.manager?.email.toLowerCase()));
      const others = teamOf(viewer, view.evaluation).filter(
        (owner) => owner.findingCount > 0 && !managers.has(owner.rep?.managerEmail?.toLowerCase()),
      );
      return others.length > 0 ? [...teams, teamScorecard("Without a manager", null, others)] : teams;
    }
    if (viewer.isManager && viewer.rep) {
      return [teamScorecard(`Team of ${viewer.rep.name}`, viewer.rep, teamOf(viewer, view.evaluation))];
    }
    return [];
  }

  /** Snoozes the given findings of one of the viewer's own records. */
  async snooze(viewer: Viewer, view: PipelineView, value: SnoozeValue): Promise<string> {
    const own = ownEvaluation(viewer, view.evaluation);
    if (!own || !viewer.email) throw new Error("only a record's owner can snooze its nudges");
    const until = addDays(own.today, value.days);
    for (const rule of value.rules) {
      await this.deps.store.snooze({ rep: own.owner, rule, recordId: value.recordId, until });
    }
    await this.deps.history?.snoozed(
      value.rules.map((rule) => ({ rule, recordId: value.recordId })),
      own.today,
    );
    return until;
  }

  opportunity(view: PipelineView, oppId: string): Opportunity | null {
    return view.snapshot.opportunities.find((opp) => opp.id === oppId) ?? null;
  }

  canWriteBack(): boolean {
    return typeof this.deps.pipeline.source.updateNextStep === "function";
  }

  /**
   * What the "Update next step" modal shows, from the cached pipeline alone: null when that would
   * need a CRM read, which cannot happen before the modal opens (a trigger id lives 3 seconds).
   */
  async nextStepTargetNow(userId: string, oppId: string): Promise<NextStepTarget | null> {
    const view = this.deps.pipeline.peek();
    if (!view) return null;
    const email = await this.deps.directory.emailOf(userId);
    const viewer = makeViewer(userId, email, view.snapshot.reps, this.deps.config.admins);
    return this.nextStepTarget(viewer, view, oppId);
  }

  /** The same, reading the CRM when the cache is stale; a failed read is logged and reported. */
  async nextStepTargetRead(userId: string, oppId: string): Promise<NextStepTarget> {
    try {
      const { viewer, view } = await this.viewer(userId);
      return this.nextStepTarget(viewer, view, oppId);
    } catch (error) {
      this.deps.logger.error(
        { err: error, oppId, user: userId },
        "could not read the pipeline for a next step",
      );
      return { status: "failed" };
    }
  }

  /** Checks a next step the way the rules would; errors are sentences for the modal. */
  validateNextStep(input: NextStepInput, today: string): NextStepErrors {
    const errors: NextStepErrors = {};
    const text = input.nextStep.trim();
    if (text === "") errors.nextStep = "Write the next step.";
    else if (this.isVague(text)) errors.nextStep = "Too vague to act on: say what you will do, with whom.";
    if (!/^\d{4}-\d{2}-\d{2}$/.test(input.nextStepDate))
      errors.nextStepDate = "Pick the date of the next step.";
    else if (input.nextStepDate < today) errors.nextStepDate = "The next step date can't be in the past.";
    return errors;
  }

  /** Today in a timezone, at the injected now. */
  todayIn(timezone: string): string {
    return localDate(this.deps.clock(), timezone);
  }

  /**
   * Writes a validated next step back to the CRM for a viewer who may change the opportunity,
   * then patches the cached record so nothing has to re-read the pipeline. Never throws: the
   * outcome says what the rep should see, and an unexpected failure is logged.
   */
  async saveNextStep(userId: string, oppId: string, input: NextStepInput): Promise<NextStepOutcome> {
    let opp: Opportunity | null = null;
    try {
      const { viewer, view } = await this.viewer(userId);
      const target = this.nextStepTarget(viewer, view, oppId);
      if (target.status !== "ready") return target;
      opp = target.opp;
      const write = this.deps.pipeline.source.updateNextStep;
      if (!write) return { status: "read-only" };
      const fields = { nextStep: input.nextStep.trim(), nextStepDate: input.nextStepDate };
      await write.call(this.deps.pipeline.source, oppId, fields);
      this.deps.pipeline.patchOpportunity(oppId, fields);
      this.deps.logger.info({ oppId, user: userId }, "next step written back");
      return { status: "saved", opp: { ...opp, ...fields } };
    } catch (error) {
      if (error instanceof WriteBackError && opp) {
        return { status: "refused", opp, field: error.field ?? "nextStep", message: error.message };
      }
      this.deps.logger.error({ err: error, oppId, user: userId }, "next step write-back failed");
      return { status: "failed", opp };
    }
  }

  /** The opportunity, if the viewer may see and change it, with its owner's timezone. */
  private nextStepTarget(
    viewer: Viewer,
    view: PipelineView,
    oppId: string,
  ): Exclude<NextStepTarget, { status: "failed" }> {
    const opp = this.opportunity(view, oppId);
    if (!opp) return { status: "missing" };
    if (!mayChange(viewer, opp, view)) return { status: "forbidden" };
    const owner = opp.ownerEmail.toLowerCase();
    const timezone =
      view.snapshot.reps.find((rep) => rep.email.toLowerCase() === owner)?.timezone ??
      this.deps.config.defaultTimezone;
    return { status: "ready", opp, timezone, writable: this.canWriteBack() };
  }

  /**
   * Fills in or replaces an open modal. The rep may have closed it meanwhile (Slack then refuses
   * the update): that is logged, not raised, since what the modal was for has already happened.
   */
  async replaceModal(viewId: string, view: View): Promise<void> {
    try {
      await this.deps.slack.updateView(viewId, view);
    } catch (error) {
      this.deps.logger.warn({ err: error, viewId }, "could not update the modal; it may have been closed");
    }
  }

  /**
   * Replaces one record of a sent nudge with a one-line note, in Slack and in the store, so a later
   * update starts from what the rep sees. Ephemeral replies are not stored and are left alone.
   */
  async replaceRecordInNudge(
    channel: string,
    ts: string,
    recordType: string,
    recordId: string,
    note: string,
  ): Promise<boolean> {
    const sent = await this.deps.store.findSentMessage(channel, ts);
    if (!sent) return false;
    const blocks = replaceRecord((sent.payload.blocks ?? []) as KnownBlock[], recordType, recordId, note);
    await this.deps.slack.updateMessage(channel, ts, sent.payload.text, blocks);
    // The facts kept with a digest (what it nudged, its score) stay with it.
    await this.deps.store.updateSentPayload(sent.key, { ...sent.payload, blocks });
    return true;
  }

  runNow(): Promise<CycleSummary> {
    return runNudgeCycle(this.deps, "now");
  }
}
