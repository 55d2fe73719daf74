import { describe, expect, it } from "vitest";
import { findForwards } from "../../src/domain/forwarded-tickets.ts";
import { indexAccounts } from "../../src/domain/support-account-match.ts";
import type { SupportTicket } from "../../src/domain/support-ticket.ts";
import { account, rep } from "../helpers/builders.ts";

const NOW = new Date("2026-03-09T12:00:00Z");
const accounts = indexAccounts([
  account({ id: "001A", ownerEmail: "Ava@Example.com", website: "acme.example" }),
  account({ id: "001B", name: "Orphan Co", ownerEmail: "gone@example.com" }),
]);
const reps = [rep({ email: "ava@example.com", managerEmail: "Mia@Example.com" })];
const settings = { forwardTags: ["upgrade", "True Up", "refund"], approvalTags: ["refund", "credit"] };

const ticket = (id: number, tags: string[], org: "acme" | "orphan" | null = "acme"): SupportTicket => ({
  id,
  subject: `Ticket ${id}`,
  status: "open",
  group: "AR",
  tags,
  assigneeId: null,
  organization:
    org === null
      ? null
      : org === "acme"
        ? { id: 1, name: "Acme", externalId: null, domainNames: ["acme.example"] }
        : { id: 2, name: "orphan co", externalId: null, domainNames: [] },
  slas: [],
  updatedAt: NOW,
});

describe("findForwards", () => {
  it("forwards a ticket with a forward tag to the account owner, and asks the manager when it needs approval", () => {
    const { forwards, unmatched } = findForwards(
      [
        ticket(1, ["vip", "refund", "upgrade"]),
        ticket(2, ["true_up"]),
        // An approval tag alone is not a forward tag: Support did not forward it.
        ticket(3, ["credit"]),
        ticket(4, ["how_to"]),
        ticket(5, ["upgrade"], null),
        ticket(6, ["upgrade"], "orphan"),
      ],
      accounts,
      reps,
      settings,
      NOW,
    );
    expect(forwards.map((f) => [f.ticketId, f.ownerEmail, f.managerEmail, f.tags, f.needsApproval])).toEqual([
      [1, "ava@example.com", "mia@example.com", ["upgrade", "refund"], true],
      [2, "ava@example.com", "mia@example.com", ["true_up"], false],
      // The owner is not in the rep list: no manager to ask.
      [6, "gone@example.com", null, ["upgrade"], false],
    ]);
    expect(unmatched).toEqual([{ ticketId: 5, reason: "no-organization" }]);
  });
});
