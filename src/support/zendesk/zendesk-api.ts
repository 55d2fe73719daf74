// Zendesk Support API v2 response shapes, as far as the support queue reads them.

export interface ZendeskPolicyMetric {
  metric: string;
  /** `active`, `paused` or `achieved`. */
  stage: string;
  breach_at: string | null;
  days?: number;
  hours?: number;
  minutes?: number;
}

export interface ZendeskTicket {
  id: number;
  url?: string;
  subject: string | null;
  status: string;
  group_id: number | null;
  assignee_id: number | null;
  organization_id: number | null;
  tags: string[];
  /** ISO 8601 to the second; the queue read's search cursor. */
  created_at?: string;
  updated_at: string;
  /** Nested on each ticket when read with `include=tickets(slas)` (search) or `include=slas`. */
  slas?: { policy_metrics?: ZendeskPolicyMetric[] };
  result_type?: string;
}

export interface ZendeskSearchPage {
  results: ZendeskTicket[];
  count: number;
  next_page: string | null;
  previous_page?: string | null;
}

export interface ZendeskGroup {
  id: number;
  name: string;
  deleted?: boolean;
}

export interface ZendeskGroupsPage {
  groups: ZendeskGroup[];
  meta?: { has_more: boolean; after_cursor?: string | null };
  links?: { next?: string | null };
}

export interface ZendeskOrganization {
  id: number;
  name: string;
  external_id: string | null;
  domain_names: string[];
}

export interface ZendeskUser {
  id: number | null;
  name: string;
  email: string | null;
  /** `end-user`, `agent` or `admin`. */
  role: string;
  active?: boolean;
  suspended?: boolean;
}
