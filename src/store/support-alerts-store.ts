// The part of the store port for breach alerts: each (ticket, SLA metric) alerted once, with its DM
// queued in the same step; who took it; how it ended.
import type { AlertOutcome } from "../domain/support-breach.ts";
import type { SlaMetric } from "../domain/support-ticket.ts";
import type { NewOutboxMessage } from "./outbox.ts";

export interface SupportAlert {
  ticketId: number;
  metric: SlaMetric;
  breachAt: Date;
  /** The rep alerted (CRM email, lower case). */
  rep: string;
  /** The account's owner, or the triaging rep whose turn it was. */
  as: "owner" | "triage";
  alertedAt: Date;
  /** Set when the rep took the ticket with the alert's button. */
  takenAt: Date | null;
  takenBy: string | null;
  /** Null while the target still runs. */
  outcome: AlertOutcome | null;
  settledAt: Date | null;
}

export type NewSupportAlert = Pick<
  SupportAlert,
  "ticketId" | "metric" | "breachAt" | "rep" | "as" | "alertedAt"
>;

export interface SupportAlertTally {
  /** Alerts whose DM was posted (or is still on its way). */
  sent: number;
  taken: number;
  breached: number;
  met: number;
}

export interface SupportAlertStore {
  /**
   * Records the alert and queues its DM in one transaction, unless this ticket and metric was ever
   * alerted: true when this call did both, false when nothing was written.
   */
  recordSupportAlert(alert: NewSupportAlert, message: NewOutboxMessage): Promise<boolean>;
  /** Every alert of these tickets, whatever their state. */
  supportAlertsOf(ticketIds: readonly number[]): Promise<SupportAlert[]>;
  /** Alerts sent at or after `since`, for whose turn it is. */
  supportAlertsSince(since: Date): Promise<SupportAlert[]>;
  /** Alerts whose target has not ended yet. */
  openSupportAlerts(): Promise<SupportAlert[]>;
  getSupportAlert(ticketId: number, metric: SlaMetric): Promise<SupportAlert | null>;
  /** Marks an alert taken by `rep`; the first taker stays. */
  markSupportAlertTaken(ticketId: number, metric: SlaMetric, rep: string, at: Date): Promise<void>;
  /** Sets how an open alert ended; an alert already settled keeps its outcome. */
  settleSupportAlert(ticketId: number, metric: SlaMetric, outcome: AlertOutcome, at: Date): Promise<void>;
  /** Alerts sent in [from, to), with how many were taken and how they ended. */
  supportAlertTally(from: Date, to: Date): Promise<SupportAlertTally>;
}
