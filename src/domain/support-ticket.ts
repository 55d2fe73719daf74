// A support-queue ticket as the bot needs it, whichever help desk it comes from: its SLA targets,
// its organization (to find the CRM account) and its tags (to know what Support forwards).

/** Zendesk's SLA metric names; others a desk may report are kept as given. */
export type SlaMetric =
  | "first_reply_time"
  | "next_reply_time"
  | "periodic_update_time"
  | "pausable_update_time"
  | "requester_wait_time"
  | "agent_work_time"
  | (string & {});

/** One SLA target of a ticket: `active` is running, `paused` waits on the requester, `achieved` is met. */
export interface SlaTarget {
  metric: SlaMetric;
  stage: "active" | "paused" | "achieved" | (string & {});
  /** When the target breaches; null when the desk gives none (paused, achieved). */
  breachAt: Date | null;
}

export interface SupportOrganization {
  id: number;
  name: string;
  /** What the desk's admins set to the CRM account id, when they did. */
  externalId: string | null;
  /** As the desk records them (`acme.com`), lower case. */
  domainNames: string[];
}

export interface SupportTicket {
  id: number;
  subject: string;
  /** Unsolved only: new, open, pending or hold. */
  status: string;
  /** The queue group it sits in, by name. */
  group: string;
  tags: string[];
  assigneeId: number | null;
  organization: SupportOrganization | null;
  slas: SlaTarget[];
  /** The desk's last change, used to assign only a ticket nobody changed meanwhile. */
  updatedAt: Date;
}

export interface SupportAgent {
  id: number;
  name: string;
  email: string;
}
