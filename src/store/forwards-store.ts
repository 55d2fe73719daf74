// The part of the store port for tickets Support forwarded to sales owners: each recorded once, then
// claimed by exactly one daily digest (and, needing approval, one manager digest) with its message.
import type { ForwardedTicket } from "../domain/forwarded-tickets.ts";
import type { IsoDate } from "../domain/model.ts";
import type { MessagePayload, NewOutboxMessage } from "./outbox.ts";

export interface StoredForward extends ForwardedTicket {
  /** The outbox key of the daily digest that showed it, and that digest's local date. */
  digestKey: string | null;
  shownOn: IsoDate | null;
  /** The same for the manager's weekly digest, when it needs approval. */
  managerDigestKey: string | null;
  managerShownOn: IsoDate | null;
}

/** A message whose payload is finished with the forwarded tickets its claim took. */
export interface MessageWithForwards extends Omit<NewOutboxMessage, "payload"> {
  payload: (forwards: ForwardedTicket[]) => MessagePayload;
}

export interface ForwardsStore {
  /** Records tickets not recorded before; one recorded already is left as it is. Returns how many were new. */
  recordForwards(tickets: readonly ForwardedTicket[]): Promise<number>;
  /** Owners (lower case) with a forwarded ticket no digest has shown yet. */
  repsWithUnshownForwards(): Promise<Set<string>>;
  /** Managers (lower case) with a ticket needing approval no manager digest has shown yet. */
  managersWithUnshownApprovals(): Promise<Set<string>>;
  /**
   * Queues `message` unless its key was ever queued, with the manager's approvals no digest has
   * shown yet, claimed for its key in the same transaction; true when this call queued it.
   */
  enqueueWithApprovals(
    manager: string,
    localDate: IsoDate,
    message: MessageWithForwards,
    now: Date,
  ): Promise<boolean>;
  listForwards(): Promise<StoredForward[]>;
}
