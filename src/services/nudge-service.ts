// What reps, managers and admins ask of the bot from Slack, independent of how Slack delivers it.

import type { KnownBlock } from "@slack/types";
import type { Config } from "../config/config.ts";
import { addDays, localDate } from "../domain/dates.ts";
import { buildDigest, type Digest, snoozeKey } from "../domain/digest.ts";
import type { Opportunity } from "../domain/model.ts";
import { makeVaguenessCheck } from "../domain/rules/next-step-rules.ts";
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
    return until;
  }

  opportunity(view: PipelineView, oppId: string): Opportunity | null {
    return view.snapshot.opportunities.find((opp) => opp.id === oppId) ?? null;
  }

  canWriteBack(): boolean {
    return typeof this.deps.pipeline.source.updateNextStep === "function";
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

  async updateNextStep(
    viewer: Viewer,
    view: PipelineView,
    oppId: string,
    input: NextStepInput,
  ): Promise<void> {
    const opp = this.opportunity(view, oppId);
    if (!opp || !viewer.email || (opp.ownerEmail.toLowerCase() !== viewer.email && !viewer.isAdmin)) {
      throw new Error("only the opportunity's owner can update its next step");
    }
    const write = this.deps.pipeline.source.updateNextStep;
    if (!write) throw new Error("the data source is read-only");
    await write.call(this.deps.pipeline.source, oppId, {
      nextStep: input.nextStep.trim(),
      nextStepDate: input.nextStepDate,
    });
    this.deps.pipeline.invalidate();
  }

  todayOf(viewer: Viewer, view: PipelineView): string {
    return (
      ownEvaluation(viewer, view.evaluation)?.today ??
      localDate(this.deps.clock(), viewer.rep?.timezone ?? this.deps.config.defaultTimezone)
    );
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
    await this.deps.store.updateSentPayload(sent.key, { text: sent.payload.text, blocks });
    return true;
  }

  runNow(): Promise<CycleSummary> {
    return runNudgeCycle(this.deps, "now");
  }
}
