// One deal, one opportunity: a team keeps its open deals on an account apart by name. Drawing deal
// kinds at random repeats them on busy accounts, so a later open deal of the same kind is named
// for the team it is for. One account in 40 keeps its repeats, as a web-direct purchase beside a
// rep's own opportunity would, so the sample shows possible duplicates.
import { comparableName } from "../../src/domain/duplicates.ts";
import type { Opportunity } from "../../src/domain/model.ts";

const TEAMS = ["Platform Team", "Security Team", "Data Team", "Mobile Team", "EMEA", "APAC", "Second Site"];

/** Renames in place; uses no randomness, so the rest of the sample stays as it was. */
export function keepDealNamesApart(opportunities: Opportunity[]): void {
  const seen = new Map<string, number>();
  for (const opp of opportunities) {
    if (opp.isClosed || Number(opp.accountId.slice(3)) % 40 === 39) continue;
    const key = `${opp.accountId} ${comparableName(opp.name)}`;
    const repeats = seen.get(key) ?? 0;
    seen.set(key, repeats + 1);
    if (repeats === 0) continue;
    const team = TEAMS[(repeats - 1) % TEAMS.length] as string;
    const channel = " (Channel-Managed)";
    opp.name = opp.name.endsWith(channel)
      ? `${opp.name.slice(0, -channel.length)} - ${team}${channel}`
      : `${opp.name} - ${team}`;
  }
}
