// Possible duplicates (handbook: Web Direct Oppty Management): open opportunities on one account
// that look like the same deal, found account by account so a large pipeline stays linear.
import { toEpochDay } from "./dates.ts";
import type { IsoDate, Opportunity } from "./model.ts";

/** Close dates at most this many days apart make equal amounts look like one deal. */
export const DUPLICATE_CLOSE_DAYS = 30;
/** How many of the others a finding names; the rest are counted. */
export const DUPLICATES_NAMED = 3;

/** Words that say what kind of deal it is, not which deal: "Acme - Renewal" is "Acme - Web Direct". */
const DROPPED: readonly (readonly string[])[] = [
  ["web", "direct"],
  ["add", "on"],
  ["new", "business"],
  ["renewal"],
  ["upgrade"],
];

/**
 * The name as compared: lower-cased, punctuation replaced with spaces, the deal-kind words dropped,
 * spaces collapsed. "Acme Corp - Add-on (Web Direct)" → "acme corp".
 */
export function comparableName(name: string): string {
  const words = name
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s]/gu, " ")
    .split(/\s+/)
    .filter((word) => word !== "");
  const kept: string[] = [];
  for (let at = 0; at < words.length; ) {
    const dropped = DROPPED.find((phrase) => phrase.every((word, offset) => words[at + offset] === word));
    if (dropped) {
      at += dropped.length;
      continue;
    }
    kept.push(words[at] as string);
    at += 1;
  }
  return kept.join(" ");
}

/** Another opportunity a finding names, and why it looks like the same deal. */
export interface DuplicateRef {
  id: string;
  name: string;
  closeDate: IsoDate;
  /** "name": the same name once the deal-kind words are dropped; "amount": the same amount, close dates near. */
  match: "name" | "amount";
  /** In the record's own currency, as its owner knows it. */
  amount: number | null;
  currency: string;
}

export interface DuplicateFacts {
  /** The first few others, in close-date order. */
  of: DuplicateRef[];
  /** How many others there are in all (at least `of.length`). */
  count: number;
}

export interface DuplicateOptions {
  /** False when the source has no amount: names alone are compared. */
  compareAmounts: boolean;
  /** The currency of an opportunity that names none. */
  currency: string;
}

interface Candidate {
  opp: Opportunity;
  name: string;
  day: number;
}

/**
 * For each open opportunity that looks like a duplicate, the others it looks like. Opportunities
 * are grouped by account first, and within an account by name and by amount, so the work grows
 * with the pipeline, not with its square.
 */
export function findDuplicates(
  opportunities: readonly Opportunity[],
  options: DuplicateOptions,
): Map<string, DuplicateFacts> {
  const byAccount = new Map<string, Opportunity[]>();
  for (const opp of opportunities) {
    if (opp.isClosed || opp.accountId.trim() === "") continue;
    const group = byAccount.get(opp.accountId);
    if (group) group.push(opp);
    else byAccount.set(opp.accountId, [opp]);
  }
  const found = new Map<string, DuplicateFacts>();
  for (const opps of byAccount.values()) {
    if (opps.length < 2) continue;
    const group = opps.map((opp) => ({
      opp,
      name: comparableName(opp.name),
      day: toEpochDay(opp.closeDate),
    }));
    group.sort((a, b) => a.day - b.day || compareText(a.opp.id, b.opp.id));
    for (const same of groupsOf(group, (candidate) => candidate.name)) sameName(same, options, found);
    if (!options.compareAmounts) continue;
    const amountKey = (candidate: Candidate) => {
      const own = ownMoney(candidate.opp, options.currency);
      return own.amount === null ? null : `${own.currency} ${own.amount}`;
    };
    for (const same of groupsOf(group, amountKey)) sameAmount(same, options, found);
  }
  for (const facts of found.values()) facts.of.sort((a, b) => compareText(a.closeDate, b.closeDate));
  return found;
}

/** The groups of two or more that share a key, each in the order given; a null key is in none. */
function groupsOf(group: readonly Candidate[], key: (candidate: Candidate) => string | null): Candidate[][] {
  if (group.length === 2) {
    const [a, b] = group as [Candidate, Candidate];
    const keyA = key(a);
    return keyA !== null && keyA === key(b) ? [[a, b]] : [];
  }
  const byKey = new Map<string, Candidate[]>();
  for (const candidate of group) {
    const value = key(candidate);
    if (value === null) continue;
    const same = byKey.get(value);
    if (same) same.push(candidate);
    else byKey.set(value, [candidate]);
  }
  return [...byKey.values()].filter((same) => same.length > 1);
}

function factsOf(found: Map<string, DuplicateFacts>, opp: Opportunity): DuplicateFacts {
  let facts = found.get(opp.id);
  if (!facts) {
    facts = { of: [], count: 0 };
    found.set(opp.id, facts);
  }
  return facts;
}

/** The amount as the record holds it, before any conversion, and its currency. */
function ownMoney(opp: Opportunity, currency: string): { amount: number | null; currency: string } {
  if (opp.original) return { amount: opp.original.amount, currency: opp.original.currency.toUpperCase() };
  return { amount: opp.amount, currency: (opp.currency ?? currency).toUpperCase() };
}

/** Names the other when the finding still has room; counting is the caller's. */
function name(
  facts: DuplicateFacts,
  other: Opportunity,
  match: DuplicateRef["match"],
  currency: string,
): void {
  if (facts.of.length >= DUPLICATES_NAMED) return;
  facts.of.push({
    id: other.id,
    name: other.name,
    closeDate: other.closeDate,
    match,
    ...ownMoney(other, currency),
  });
}

/** Every opportunity of a same-name set names the others. */
function sameName(
  same: readonly Candidate[],
  options: DuplicateOptions,
  found: Map<string, DuplicateFacts>,
): void {
  for (const candidate of same) {
    const facts = factsOf(found, candidate.opp);
    facts.count += same.length - 1;
    for (const other of same) {
      if (facts.of.length >= DUPLICATES_NAMED) break;
      if (other !== candidate) name(facts, other.opp, "name", options.currency);
    }
  }
}

/**
 * Equal amounts (in the record's own currency) with close dates at most 30 days apart, in
 * close-date order. Each one's window of near dates slides along with it; the others in the window
 * with the same name are already counted by name, and are not counted twice.
 */
function sameAmount(
  same: readonly Candidate[],
  options: DuplicateOptions,
  found: Map<string, DuplicateFacts>,
): void {
  const names = new Map<string, number>();
  const move = (candidate: Candidate, by: number) =>
    names.set(candidate.name, (names.get(candidate.name) ?? 0) + by);
  let low = 0;
  let high = 0;
  for (const candidate of same) {
    for (
      ;
      high < same.length && (same[high] as Candidate).day - candidate.day <= DUPLICATE_CLOSE_DAYS;
      high += 1
    )
      move(same[high] as Candidate, 1);
    for (; candidate.day - (same[low] as Candidate).day > DUPLICATE_CLOSE_DAYS; low += 1)
      move(same[low] as Candidate, -1);
    const others = high - low - (names.get(candidate.name) ?? 0);
    if (others === 0) continue;
    const facts = factsOf(found, candidate.opp);
    facts.count += others;
    for (let at = low; at < high && facts.of.length < DUPLICATES_NAMED; at += 1) {
      const other = same[at] as Candidate;
      if (other.name !== candidate.name) name(facts, other.opp, "amount", options.currency);
    }
  }
}

const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
