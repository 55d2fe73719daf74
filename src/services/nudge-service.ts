// What reps, managers and admins ask of the bot from Slack, independent of how Slack delivers it.

import type { KnownBlock, View } from "@slack/types";
import type { Config } from "../config/config.ts";
import { addDays } from "../domain/dates.ts";
import { buildDigest, type Digest, snoozeKey } from "../domain/digest.ts";
import { type DigestPlan, planFor } from "../domain/digest-plan.ts";
import type { IsoDate, Opportunity } from "../domain/model.ts";
import type { SnoozeValue } from "../messages/ids.ts";
import { replaceRecord } from "../messages/record-update.ts";
import type { LedgerStore, OutboxStore } from "../store/store.ts";
import type { TeamScorecard } from "../views/scorecard-table.ts";
import { makeViewer, ownEvaluation, teamOf, type Viewer } from "./access.ts";
import { holdoutLeftOut, leftOut } from "./holdout-digests.ts";
import { type CycleDeps, type CycleStore, type CycleSummary, runNudgeCycle } from "./nudge-cycle.ts";
import type { PipelineView } from "./pipeline-cache.ts";
import type { SlackApi } from "./ports/slack-port.ts";
import { teamScorecard, teamScorecards } from "./team-scorecards.ts";
import { weeklySplitter } from "./weekly-digests.ts";

/** How a snooze click ended: stored until a date, or refused with nothing stored. */
export type SnoozeOutcome =
  | { status: "snoozed"; until: IsoDate }
  | { status: "missing" }
  | { status: "forbidden" };

/** SPEC's access rule for changing a record: reps their own, managers their reps', admins all. */
export function mayChange(
  viewer: Viewer,
  record: { ownerEmail: string },
  view: Pick<PipelineView, "snapshot">,
): boolean {
  if (viewer.isAdmin) return true;
  if (!viewer.email) return false;
  const owner = record.ownerEmail.toLowerCase();
  if (owner === viewer.email) return true;
  if (!viewer.isManager) return false;
  const ownerRep = view.snapshot.reps.find((rep) => rep.email.toLowerCase() === owner);
  return ownerRep?.managerEmail?.toLowerCase() === viewer.email;
}

export class NudgeService {
  constructor(
    private readonly deps: Omit<CycleDeps, "store"> & {
      /** The cycle's parts, and what a snooze click and a fixed record write. */
      store: CycleStore &
        Pick<LedgerStore, "snooze"> &
        Pick<OutboxStore, "findSentMessage" | "updateSentPayload">;
      slack: SlackApi;
      config: Pick<Config, "digest" | "admins" | "defaultTimezone" | "rules"> &
        Partial<Pick<Config, "effectiveness">>;
    },
  ) {}

  async viewer(userId: string, fresh = false): Promise<{ viewer: Viewer; view: PipelineView }> {
    const [email, view] = await Promise.all([
      this.deps.directory.emailOf(userId),
      this.deps.pipeline.current(fresh),
    ]);
    return { viewer: makeViewer(userId, email, view.snapshot.reps, this.deps.config.admins), view };
  }

  /** The viewer's live findings (snoozed and held-out ones left out), or null when they own no records. */
  async myDigest(viewer: Viewer, view: PipelineView): Promise<Digest | null> {
    const own = ownEvaluation(viewer, view.evaluation);
    const ownsRecords = own !== null && Object.values(own.coverage).some((tally) => tally.applicable > 0);
    if (!own || !ownsRecords) return null;
    const [snoozes, heldOut] = await Promise.all([
      this.deps.store.activeSnoozes(own.owner, own.today),
      holdoutLeftOut(this.deps),
    ]);
    return buildDigest(own, leftOut(snoozes.map(snoozeKey), heldOut(own)));
  }

  /**
   * The viewer's findings as a digest plan (focus records, then one line per rule, then the weekly
   * rules' findings under "Weekly cleanup", whatever the day), or null.
   */
  async myPlan(viewer: Viewer, view: PipelineView): Promise<DigestPlan | null> {
    const own = ownEvaluation(viewer, view.evaluation);
    const ownsRecords = own !== null && Object.values(own.coverage).some((tally) => tally.applicable > 0);
    if (!own || !ownsRecords) return null;
    const [snoozes, heldOut, split] = await Promise.all([
      this.deps.store.activeSnoozes(own.owner, own.today),
      holdoutLeftOut(this.deps),
      weeklySplitter(this.deps, view.evaluation, true),
    ]);
    const { digest, weekly } = split(own, leftOut(snoozes.map(snoozeKey), heldOut(own)));
    return { ...planFor(digest, this.deps.config.digest.focus, this.deps.config.rules), weekly };
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

  /**
   * Snoozes the given findings of a record the viewer may change (their own, their reps', or any
   * for an admin), for the record's owner: the click names a record id, which proves nothing.
   */
  async snooze(viewer: Viewer, view: PipelineView, value: SnoozeValue): Promise<SnoozeOutcome> {
    const record =
      value.recordType === "opportunity"
        ? this.opportunity(view, value.recordId)
        : (view.snapshot.accounts.find((account) => account.id === value.recordId) ?? null);
    const owner = record ? view.evaluation.owners.get(record.ownerEmail.toLowerCase()) : undefined;
    if (!record || !owner) return { status: "missing" };
    if (!mayChange(viewer, record, view)) return { status: "forbidden" };
    const until = addDays(owner.today, value.days);
    for (const rule of value.rules) {
      await this.deps.store.snooze({ rep: owner.owner, rule, recordId: value.recordId, until });
    }
    await this.deps.history?.snoozed(
      value.rules.map((rule) => ({ rule, recordId: value.recordId })),
      owner.today,
    );
    return { status: "snoozed", until };
  }

  opportunity(view: PipelineView, oppId: string): Opportunity | null {
    return view.snapshot.opportunities.find((opp) => opp.id === oppId) ?? null;
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
