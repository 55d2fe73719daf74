// The part of the store port the admin console's reports read: messages sent per local day, the
// outbox's uncertain and failed messages, and who used which Give Back project each month.
import type { IsoDate } from "../domain/model.ts";
import type { OutboxStatus } from "./outbox.ts";

export interface SentOnDay {
  /** The local date, in the time zone asked for, on which the messages were sent. */
  day: IsoDate;
  kind: string;
  count: number;
}

export interface DeliveryProblem {
  key: string;
  kind: string;
  channel: string;
  /** `failed`: Slack refused it for good; `pending`/`sending`: it is being retried. */
  status: OutboxStatus;
  attempts: number;
  /** Slack's or the network's error, as the sender recorded it. */
  lastError: string;
  createdAt: Date;
}

export interface AdoptionYes {
  projectId: string;
  rep: string;
  month: string;
}

export interface ReportsStore {
  /**
   * Messages sent from `since` on, counted per local day in `timeZone` and kind, by day then kind.
   * Sent messages older than the outbox retention are purged, and so not counted.
   */
  sentPerDay(since: Date, timeZone: string): Promise<SentOnDay[]>;
  /** Messages still to send whose earlier attempt may have reached Slack. */
  uncertainCount(): Promise<number>;
  /** The latest messages that failed for good or are being retried after an error, newest first. */
  deliveryProblems(limit: number): Promise<DeliveryProblem[]>;
  /** Every "yes, I used it" check-in answer from `sinceMonth` (`2026-03`) on. */
  adoptionYesSince(sinceMonth: string): Promise<AdoptionYes[]>;
}
