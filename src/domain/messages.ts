// What each finding says to a rep: what is wrong, and what to do, in the handbook's words.
import type { DuplicateFacts } from "./duplicates.ts";
import type { Finding } from "./findings.ts";
import { formatMoney as formatAmount } from "./money.ts";

export interface Explanation {
  problem: string;
  action: string;
}

const money = new Intl.NumberFormat("en-US", {
  style: "currency",
  currency: "USD",
  maximumFractionDigits: 0,
});

export function formatMoney(amount: number | null | undefined): string {
  return amount == null ? "no amount" : money.format(amount);
}

function days(count: number | null | undefined): string {
  return count === 1 ? "1 day" : `${count ?? 0} days`;
}

function list(items: string[] | undefined): string {
  const names = items ?? [];
  if (names.length <= 1) return names.join("");
  return `${names.slice(0, -1).join(", ")} and ${names.at(-1)}`;
}

/** “Acme - Renewal” (same name, closes 2026-04-08) and 2 more. */
function duplicatesList(duplicates: DuplicateFacts | undefined): string {
  const named = (duplicates?.of ?? []).map((other) => {
    const why =
      other.match === "name" ? "same name" : `same amount, ${formatAmount(other.amount, other.currency)}`;
    return `“${other.name}” (${why}, closes ${other.closeDate})`;
  });
  const more = (duplicates?.count ?? 0) - named.length;
  return list(more > 0 ? [...named, `${more} more`] : named) || "another opportunity on the account";
}

const COMMAND_PLAN_ACTION =
  "Fill them in; if you don't know the answers yet, write your script and next steps to get them. " +
  "Channel-managed deal? Put Channel-Managed in the opportunity name.";

export function explain(finding: Finding): Explanation {
  const { facts } = finding;
  switch (finding.rule) {
    case "next-step-missing":
      return {
        problem: `No ${list(facts.missing)}.`,
        action:
          "Write the next step as an assignment to a future version of yourself, with the date you will act on it.",
      };
    case "next-step-overdue":
      return {
        problem: `Next step date ${facts.date} passed ${days(facts.days)} ago.`,
        action: "Bring Next Steps and Next Step Date up to date with what you will do next.",
      };
    case "next-step-vague":
      return {
        problem: `Next step “${facts.text}” is too vague to act on.`,
        action: "Make it specific and compelling, so you can act on it within 3 minutes of reading.",
      };
    case "deck-missing":
      return {
        problem: `No custom deck on a ${formatAmount(facts.amount, facts.currency)} opportunity.`,
        action:
          "Build the custom deck (ROI against the next best option, two options going forward) and paste its link in Link to Custom Pitch Deck.",
      };
    case "command-plan-overview-missing":
      return {
        problem: `Command plan overview is missing ${list(facts.missing)}.`,
        action: COMMAND_PLAN_ACTION,
      };
    case "command-plan-incomplete":
      return {
        problem: `Full command plan needed at ${formatAmount(facts.amount, facts.currency)} iACV; missing ${list(facts.missing)}.`,
        action: COMMAND_PLAN_ACTION,
      };
    case "source-missing":
      return {
        problem: "How the customer heard about us is not recorded.",
        action: "Ask how they heard about us and what they understand we do, and record it in How Heard.",
      };
    case "closed-reason-missing":
      return {
        problem: `Closed ${facts.won ? "won" : "lost"} on ${facts.date} with no closed reason.`,
        action: `Record meaningful information on why we ${facts.won ? "won" : "lost"} the deal.`,
      };
    case "activity-missing":
      return {
        problem:
          facts.date == null
            ? "No activity logged yet."
            : `No activity logged for ${days(facts.days)} (since ${facts.date}).`,
        action: "Log your call notes after every customer conversation.",
      };
    case "close-date-passed":
      return {
        problem: `Close date ${facts.date} passed ${days(facts.days)} ago.`,
        action: "Move the close date to when it will really close, or close the opportunity.",
      };
    case "account-unranked":
      return {
        problem: "Account is not ranked.",
        action: "Tier it (1, 1.5, 2 or 3) with your own recent ranking, note why, and log your sources.",
      };
    case "account-tier-details-missing":
      return facts.tier === "1" || facts.tier === "1.5"
        ? {
            problem: `Tier ${facts.tier} account with no Potential Users.`,
            action: "Fill in Potential Users: SMB Tier 1 and 1.5 accounts must have it.",
          }
        : {
            problem: `Tier ${facts.tier} account with no notes on why.`,
            action: "Add Tier Notes saying why the account is Tier 2 or 3.",
          };
    case "segment-mismatch":
      return {
        problem: `${facts.segment} account with ${facts.employees?.toLocaleString("en-US")} employees.`,
        action:
          "Check the segment by the rules of engagement: Datafox, then DiscoverOrg, then LinkedIn. Never ask the customer for company size.",
      };
    case "possible-duplicate":
      return {
        problem: `Possibly a duplicate of ${duplicatesList(facts.duplicates)}.`,
        action:
          "Check the opportunities under the account and close the duplicate, so the pipeline counts the deal once.",
      };
  }
}
