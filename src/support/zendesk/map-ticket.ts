// Zendesk's tickets, organizations and users as the support queue's own types: lower-case tags and
// domains, breach times as dates, and only what is still unsolved.
import type {
  SlaTarget,
  SupportAgent,
  SupportOrganization,
  SupportTicket,
} from "../../domain/support-ticket.ts";
import type { ZendeskOrganization, ZendeskTicket, ZendeskUser } from "./zendesk-api.ts";

/** Zendesk's statuses before `solved`: the tickets the queue still owes an answer. */
export const UNSOLVED_STATUSES = new Set(["new", "open", "pending", "hold"]);

export function mapOrganization(organization: ZendeskOrganization): SupportOrganization {
  return {
    id: organization.id,
    name: organization.name,
    externalId: organization.external_id?.trim() ? organization.external_id.trim() : null,
    domainNames: (organization.domain_names ?? [])
      .map((domain) => domain.trim().toLowerCase())
      .filter(Boolean),
  };
}

export function mapSlas(ticket: ZendeskTicket): SlaTarget[] {
  return (ticket.slas?.policy_metrics ?? []).map((metric) => {
    const at = metric.breach_at ? new Date(metric.breach_at) : null;
    return {
      metric: metric.metric,
      stage: metric.stage,
      breachAt: at && !Number.isNaN(at.getTime()) ? at : null,
    };
  });
}

export function mapTicket(
  ticket: ZendeskTicket,
  group: string,
  organizations: ReadonlyMap<number, SupportOrganization>,
): SupportTicket {
  return {
    id: ticket.id,
    subject: ticket.subject ?? "",
    status: ticket.status,
    group,
    tags: (ticket.tags ?? []).map((tag) => tag.toLowerCase()),
    assigneeId: ticket.assignee_id ?? null,
    organization:
      ticket.organization_id === null ? null : (organizations.get(ticket.organization_id) ?? null),
    slas: mapSlas(ticket),
    updatedAt: new Date(ticket.updated_at),
  };
}

/** Only agents and admins can be assigned tickets; end users, suspended or deleted users cannot. */
export function asAgent(user: ZendeskUser): SupportAgent | null {
  if (user.id === null || !user.email) return null;
  if (user.role !== "agent" && user.role !== "admin") return null;
  if (user.suspended || user.active === false) return null;
  return { id: user.id, name: user.name, email: user.email.toLowerCase() };
}
