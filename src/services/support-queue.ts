// The support queue's poll: while a triaging rep is working, read the queue, settle earlier alerts,
// decide the breach alerts (domain/support-breach.ts), and record each with its DM in one step so
// replicas and restarts never alert twice. A desk that fails costs this poll only: digests and the
// other jobs run on their own schedules and never wait for it.
import type { Config } from "../config/config.ts";
import type { Account, Rep } from "../domain/model.ts";
import { segmentPipeline } from "../domain/segments.ts";
import { indexAccounts, matchAccount } from "../domain/support-account-match.ts";
import {
  type AlertOutcome,
  alertId,
  alertsTodayByRep,
  type BreachContext,
  isTriaging,
  nextActiveBreach,
  planBreachAlerts,
  type RepOnCall,
  settleAlerts,
  triageCoverage,
  workingNow,
} from "../domain/support-breach.ts";
import type { SlaMetric } from "../domain/support-ticket.ts";
import type { Logger } from "../logging.ts";
import { supportAlertMessage } from "../messages/support-alert.ts";
import type { OutboxStore } from "../store/store.ts";
import type { SupportAlertStore } from "../store/support-alerts-store.ts";
import { tellDeskRefused } from "./admin-notices.ts";
import type { AwayStatus } from "./away-status.ts";
import type { Directory } from "./directory.ts";
import { supportAlertKey } from "./outbox-keys.ts";
import type { OutboxSender } from "./outbox-sender.ts";
import type { PipelineCache } from "./pipeline-cache.ts";
import { type QueueRead, type SupportDesk, SupportDeskError } from "./ports/support-desk-port.ts";
import type { QuietDays } from "./quiet-days.ts";

/** Another consumer of each successful queue read (forwarded tickets), told after the alerts. */
export type QueueReadHook = (read: QueueRead, now: Date) => Promise<void>;

export interface SupportQueueDeps {
  desk: SupportDesk;
  store: Pick<
    SupportAlertStore,
    | "recordSupportAlert"
    | "supportAlertsOf"
    | "supportAlertsSince"
    | "openSupportAlerts"
    | "settleSupportAlert"
  > &
    Pick<OutboxStore, "enqueue" | "getMessage">;
  pipeline: Pick<PipelineCache, "current">;
  directory: Pick<Directory, "resolve">;
  quiet: Pick<QuietDays, "settings" | "pausesAt">;
  away: Pick<AwayStatus, "away">;
  sender?: Pick<OutboxSender, "drain">;
  config: Pick<Config, "support" | "digest" | "admins"> & {
    rules: Pick<Config["rules"], "defaultSegment">;
    /** The desk's base URL, named in the admins' notice. */
    deskUrl: string;
  };
  logger: Logger;
  clock: () => Date;
  onRead?: readonly QueueReadHook[];
  /** How long one queue read may take (see pollDeadlineMs); unlimited when absent. */
  readDeadlineMs?: number;
  /** The signal that aborts after `ms`: real time by default, the test's own otherwise. */
  deadlineAfter?: (ms: number) => AbortSignal;
}

/**
 * A queue read's time limit, well inside both the job lease (past it another replica polls too,
 * doubling the desk's load) and the poll interval (past it the next polls queue up behind it).
 */
export function pollDeadlineMs(jobLeaseSeconds: number, pollMinutes: number): number {
  return Math.floor(Math.min(jobLeaseSeconds * 1_000 * 0.8, pollMinutes * 60_000 * 0.9));
}

export type PollSummary =
  | { status: "idle" }
  | { status: "failed"; kind: SupportDeskError["kind"] | "unexpected" }
  | { status: "read"; tickets: number; alerted: number; settled: number };

/** How far back alerts are read to count today's per rep: a local day lies within 48 hours of now. */
const TODAY_SPAN_MS = 48 * 3_600_000;

export class SupportQueueService {
  /** While the desk refuses the credentials: one error line, not one per poll. */
  private refused = false;
  private lastMissingGroups = "";
  /** Said once per change, not every poll. */
  private lastTriageProblem: string | null = null;

  constructor(private readonly deps: SupportQueueDeps) {}

  async poll(): Promise<PollSummary> {
    const { deps } = this;
    const now = deps.clock();
    const snapshot = (await deps.pipeline.current("cached")).snapshot;
    const reps = segmentPipeline(snapshot, deps.config.rules.defaultSegment).reps;
    const pauses = await deps.quiet.pausesAt(now);
    const calendar = { calendar: deps.quiet.settings, window: deps.config.digest };
    const onCall = (rep: Rep, away = false): RepOnCall => ({
      rep,
      away,
      pause: pauses.get(rep.email.toLowerCase()) ?? null,
    });
    // Never at night for nobody: the desk is not asked unless a triaging rep is at work (by the
    // calendar alone: Slack statuses are asked only once an alert is due).
    const { triagers: triaging, problem } = triageCoverage(reps, deps.config.support.triage);
    if (problem && problem !== this.lastTriageProblem)
      deps.logger.warn({ triage: deps.config.support.triage }, problem);
    this.lastTriageProblem = problem;
    if (!triaging.some((rep) => workingNow(onCall(rep), now, calendar))) return { status: "idle" };

    const read = await this.readQueue(reps);
    if ("failed" in read) return { status: "failed", kind: read.failed };
    for (const hook of deps.onRead ?? []) {
      await hook(read, now).catch((error: unknown) =>
        deps.logger.error({ err: error }, "a consumer of the support queue read failed"),
      );
    }
    const settled = await this.settle(read, now);
    const alerted = await this.alert(read, reps, snapshot.accounts, onCall, now);
    deps.logger.info(
      { tickets: read.tickets.length, alerted, settled, requests: read.requests },
      "support queue read",
    );
    return { status: "read", tickets: read.tickets.length, alerted, settled };
  }

  private async readQueue(
    reps: Rep[],
  ): Promise<QueueRead | { failed: SupportDeskError["kind"] | "unexpected" }> {
    const { deps } = this;
    const limit = deps.readDeadlineMs;
    const deadline =
      limit === undefined ? undefined : (deps.deadlineAfter ?? ((ms) => AbortSignal.timeout(ms)))(limit);
    try {
      const read = await deps.desk.readQueue(deps.config.support.groups, deadline ? { deadline } : {});
      if (this.refused) deps.logger.info("Zendesk accepts the credentials again; breach alerts resume");
      this.refused = false;
      const missing = read.missingGroups.join(", ");
      if (missing && missing !== this.lastMissingGroups)
        deps.logger.warn({ groups: read.missingGroups }, "support.groups names groups Zendesk does not have");
      this.lastMissingGroups = missing;
      return read;
    } catch (error) {
      if (!(error instanceof SupportDeskError)) {
        deps.logger.error({ err: error }, "reading the support queue failed; the next poll tries again");
        return { failed: "unexpected" };
      }
      if (deadline?.aborted) {
        deps.logger.warn(
          { err: error, deadlineMs: limit },
          "the support queue read ran out of time; no alerts from it, the next poll tries again",
        );
        return { failed: error.kind };
      }
      if (error.kind === "unauthorized") {
        if (!this.refused) {
          deps.logger.error(
            { err: error },
            "Zendesk refused the credentials (ZENDESK_EMAIL, ZENDESK_API_TOKEN): no breach alerts until they are fixed",
          );
          if ((await tellDeskRefused(deps, reps, deps.config.deskUrl, deps.clock())) > 0)
            await deps.sender?.drain();
        }
        this.refused = true;
      } else {
        deps.logger.warn(
          { err: error, kind: error.kind },
          "Zendesk did not answer; the next poll tries again",
        );
      }
      return { failed: error.kind };
    }
  }

  /** Alerts whose target ended since: breached anyway, met, left the queue; or never sent. */
  private async settle(read: QueueRead, now: Date): Promise<number> {
    const open = await this.deps.store.openSupportAlerts();
    // A DM the sender gave up on (it expired on the way, or Slack refused it) never reached the rep:
    // not an alert that was met or breached. Looked up only once its breach time has passed.
    const unsent: { ticketId: number; metric: SlaMetric; outcome: AlertOutcome }[] = [];
    const running: typeof open = [];
    for (const alert of open) {
      const message =
        alert.breachAt.getTime() <= now.getTime()
          ? await this.deps.store.getMessage(supportAlertKey(alert.ticketId, alert.metric))
          : null;
      if (message?.status === "failed") unsent.push({ ...alert, outcome: "unsent" });
      else running.push(alert);
    }
    const settled = [...unsent, ...settleAlerts(running, read.tickets, now)];
    for (const alert of settled)
      await this.deps.store.settleSupportAlert(alert.ticketId, alert.metric, alert.outcome, now);
    return settled.length;
  }

  private async alert(
    read: QueueRead,
    reps: Rep[],
    accounts: Account[],
    onCall: (rep: Rep, away?: boolean) => RepOnCall,
    now: Date,
  ): Promise<number> {
    const { deps } = this;
    const upcoming = read.tickets.filter((ticket) => nextActiveBreach(ticket, now) !== null);
    if (upcoming.length === 0) return 0;
    const index = indexAccounts(accounts);
    const owners = new Set(
      upcoming.map((ticket) => matchAccount(ticket.organization, index).account?.ownerEmail.toLowerCase()),
    );
    const calendar = { calendar: deps.quiet.settings, window: deps.config.digest };
    const candidates = reps.filter(
      (rep) =>
        (isTriaging(rep, deps.config.support.triage) || owners.has(rep.email.toLowerCase())) &&
        workingNow(onCall(rep), now, calendar),
    );
    const alerted = new Set(
      (await deps.store.supportAlertsOf(upcoming.map((ticket) => ticket.id))).map((a) =>
        alertId(a.ticketId, a.metric),
      ),
    );
    const zoneOf = new Map(reps.map((rep) => [rep.email.toLowerCase(), rep.timezone]));
    const context: BreachContext = {
      now,
      support: deps.config.support,
      calendar: deps.quiet.settings,
      window: deps.config.digest,
      reps: candidates.map((rep) => onCall(rep)),
      accounts: index,
      alerted,
      alertsToday: alertsTodayByRep(
        await deps.store.supportAlertsSince(new Date(now.getTime() - TODAY_SPAN_MS)),
        (email) => zoneOf.get(email) ?? "UTC",
        now,
      ),
    };
    // Slack is asked only when something is due: who can be reached, and who is away.
    if (planBreachAlerts(upcoming, context).length === 0) return 0;
    const users = await deps.directory.resolve(candidates.map((rep) => rep.email));
    const inSlack = candidates.filter((rep) => users.get(rep.email.toLowerCase()));
    const userOf = (rep: Rep) => users.get(rep.email.toLowerCase()) as string;
    const away = await deps.away.away(inSlack.map(userOf), now);
    const plan = planBreachAlerts(upcoming, {
      ...context,
      reps: inSlack.map((rep) => onCall(rep, away.has(userOf(rep)))),
    });
    let queued = 0;
    for (const { ticket, sla, rep, as } of plan) {
      const payload = supportAlertMessage({
        ticketId: ticket.id,
        subject: ticket.subject,
        organization: ticket.organization?.name ?? null,
        metric: sla.metric,
        breachAt: sla.breachAt,
        timezone: rep.timezone,
        url: deps.desk.ticketUrl(ticket.id),
        as,
        now,
      });
      const recorded = await deps.store.recordSupportAlert(
        {
          ticketId: ticket.id,
          metric: sla.metric,
          breachAt: sla.breachAt,
          rep: rep.email.toLowerCase(),
          as,
          alertedAt: now,
        },
        {
          key: supportAlertKey(ticket.id, sla.metric),
          kind: "support-alert",
          channel: userOf(rep),
          // A breach already passed is not alerted, however long Slack or the bot held the DM up.
          payload: { ...payload, expiresAt: sla.breachAt.toISOString() },
        },
      );
      if (recorded) {
        queued += 1;
        deps.logger.info(
          { ticket: ticket.id, metric: sla.metric, rep: rep.email, as },
          "breach alert queued",
        );
      }
    }
    if (queued > 0) await deps.sender?.drain();
    return queued;
  }
}
