// Which segment an account and a rep belong to: recorded when the CRM has it, else derived from
// employee counts as the handbook defines them. Enterprise is outside this team and left out.
import type { Account, AccountSegment, Opportunity, Rep, Segment } from "./model.ts";

/** "SMB", "MM", "Mid-Market", "Enterprise", "ENT", "Large" in any case; undefined for anything else. */
export function readSegment(text: string): AccountSegment | undefined {
  const key = text.toLowerCase().replace(/[\s_-]+/g, "");
  if (key === "smb") return "SMB";
  if (key === "mm" || key === "midmarket") return "MM";
  if (key === "enterprise" || key === "ent" || key === "large") return "Enterprise";
  return undefined;
}

/** The handbook's ranges: 1–99 SMB, 100–1,999 Mid-Market, 2,000 and above Enterprise. */
export function segmentForEmployees(employees: number): AccountSegment {
  if (employees >= 2_000) return "Enterprise";
  return employees >= 100 ? "MM" : "SMB";
}

export interface SegmentedPipeline {
  reps: Rep[];
  /** Accounts of this team, each with a segment (derived ones marked). */
  accounts: Account[];
  opportunities: Opportunity[];
  /** What was left out as Enterprise. */
  enterprise: { accounts: number; opportunities: number };
}

/**
 * Resolves every account's and rep's segment and leaves Enterprise accounts and their
 * opportunities out.
 */
export function segmentPipeline(
  snapshot: { reps: readonly Rep[]; accounts: readonly Account[]; opportunities: readonly Opportunity[] },
  defaultSegment: Segment,
): SegmentedPipeline {
  const accounts: Account[] = [];
  const enterpriseIds = new Set<string>();
  const tally = new Map<string, { SMB: number; MM: number }>();
  for (const account of snapshot.accounts) {
    const recorded = account.segment;
    const segment =
      recorded ??
      (account.employees !== null && account.employees > 0
        ? segmentForEmployees(account.employees)
        : defaultSegment);
    if (segment === "Enterprise") {
      enterpriseIds.add(account.id);
      continue;
    }
    accounts.push(recorded === null ? { ...account, segment, segmentDerived: true } : account);
    const owner = account.ownerEmail.toLowerCase();
    const counts = tally.get(owner) ?? { SMB: 0, MM: 0 };
    counts[segment] += 1;
    tally.set(owner, counts);
  }
  const opportunities = snapshot.opportunities.filter((opp) => !enterpriseIds.has(opp.accountId));
  const reps = snapshot.reps.map((rep) => {
    if (rep.segment !== null) return rep;
    const counts = tally.get(rep.email.toLowerCase());
    const segment: Segment =
      !counts || counts.SMB === counts.MM ? defaultSegment : counts.SMB > counts.MM ? "SMB" : "MM";
    return { ...rep, segment };
  });
  return {
    reps,
    accounts,
    opportunities,
    enterprise: {
      accounts: enterpriseIds.size,
      opportunities: snapshot.opportunities.length - opportunities.length,
    },
  };
}
