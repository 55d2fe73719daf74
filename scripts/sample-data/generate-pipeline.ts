// Generates a believable team pipeline around a fixed "today": mostly clean records, with the
// dirty ones a real team has (vague next steps, missing decks, unranked accounts …).
import { addDays } from "../../src/domain/dates.ts";
import {
  type Account,
  COMMAND_PLAN_FIELDS,
  type Opportunity,
  type Rep,
  type Segment,
  type Snapshot,
  type Tier,
} from "../../src/domain/model.ts";
import { keepDealNamesApart } from "./deal-names.ts";
import { Random } from "./random.ts";
import {
  CLOSED_LOST_REASONS,
  CLOSED_WON_REASONS,
  COMMAND_PLAN_TEXT,
  COMPANY_KINDS,
  COMPANY_STEMS,
  DEAL_KINDS,
  FIRST_NAMES,
  HOW_HEARD,
  LAST_NAMES,
  SPECIFIC_NEXT_STEPS,
  TIER_NOTES,
  VAGUE_NEXT_STEPS,
} from "./words.ts";

export interface PipelineSize {
  reps: number;
  accounts: number;
  opportunities: number;
  seed: number;
  today: string;
}

/** The bundled sample: 40 reps, 400 accounts and 2,500 opportunities around Tuesday 10 March 2026. */
export const SAMPLE_SIZE: PipelineSize = {
  reps: 40,
  accounts: 400,
  opportunities: 2_500,
  seed: 20260310,
  today: "2026-03-10",
};

const REGIONS = [
  {
    name: "amer",
    share: 0.5,
    zones: [
      "America/New_York",
      "America/Chicago",
      "America/Denver",
      "America/Los_Angeles",
      "America/Sao_Paulo",
    ],
  },
  {
    name: "emea",
    share: 0.3,
    zones: ["Europe/London", "Europe/Dublin", "Europe/Berlin", "Europe/Amsterdam"],
  },
  { name: "apac", share: 0.2, zones: ["Asia/Singapore", "Australia/Sydney", "Asia/Tokyo"] },
] as const;

const OPEN_STAGES = [
  ["6-Awaiting Signature", 5],
  ["5-Negotiating", 8],
  ["4-Proposal", 12],
  ["3-Technical Evaluation", 15],
  ["2-Scoping", 18],
  ["1-Discovery", 25],
  ["0-Pending Acceptance", 12],
] as const;

export function generatePipeline(size: PipelineSize): Snapshot {
  const random = new Random(size.seed);
  const reps = generateReps(size, random);
  const owners = reps.filter((rep) => rep.role === "ae");
  // Some reps keep a spotless pipeline and some let it slide: 0 is spotless, 0.6 is sloppy.
  const sloppiness = new Map(owners.map((rep) => [rep.email, 0.02 + random.next() ** 2 * 0.5]));
  const accounts: Account[] = [];
  for (let index = 0; index < size.accounts; index++) {
    const owner = owners[index % owners.length] as Rep;
    accounts.push(generateAccount(index, owner, sloppiness.get(owner.email) ?? 0, random));
  }
  const opportunities: Opportunity[] = [];
  for (let index = 0; index < size.opportunities; index++) {
    const account = accounts[random.int(0, accounts.length - 1)] as Account;
    opportunities.push(
      generateOpportunity(index, account, size.today, sloppiness.get(account.ownerEmail) ?? 0, random),
    );
  }
  keepDealNamesApart(opportunities);
  return { reps, accounts, opportunities };
}

function generateReps(size: PipelineSize, random: Random): Rep[] {
  const usedEmails = new Set<string>();
  const person = (index: number) => {
    const first = FIRST_NAMES[(index * 7) % FIRST_NAMES.length] as string;
    const last = LAST_NAMES[(index * 11 + Math.floor(index / 30)) % LAST_NAMES.length] as string;
    let email = `${first}.${last}`.toLowerCase().replace(/[^a-z.]/g, "");
    for (let n = 2; usedEmails.has(email); n++)
      email = `${first}.${last}${n}`.toLowerCase().replace(/[^a-z0-9.]/g, "");
    usedEmails.add(email);
    return { name: `${first} ${last}`, email: `${email}@example.com` };
  };
  const yearsAgo = (years: number) => addDays(size.today, -Math.round(years * 365));
  const managers: Rep[] = REGIONS.map((region, index) => ({
    ...person(index),
    segment: index === 1 ? "MM" : "SMB",
    timezone: region.zones[0],
    managerEmail: null,
    role: "manager",
    startDate: yearsAgo(4 + index),
  }));
  const admin: Rep = {
    ...person(3),
    segment: "MM",
    timezone: "America/New_York",
    managerEmail: null,
    role: "admin",
    startDate: yearsAgo(3),
  };
  const reps: Rep[] = [...managers, admin];
  const aeCount = Math.max(1, size.reps - reps.length);
  for (let index = 0; index < aeCount; index++) {
    const position = index / aeCount;
    const regionIndex =
      position < REGIONS[0].share ? 0 : position < REGIONS[0].share + REGIONS[1].share ? 1 : 2;
    const region = REGIONS[regionIndex] as (typeof REGIONS)[number];
    const newHire = index % 10 === 3;
    reps.push({
      ...person(index + 4),
      segment: index % 5 < 3 ? "SMB" : "MM",
      timezone: region.zones[index % region.zones.length] as string,
      managerEmail: (managers[regionIndex] as Rep).email,
      role: "ae",
      startDate: newHire ? addDays(size.today, -random.int(10, 80)) : yearsAgo(1 + random.next() * 4),
    });
  }
  return reps;
}

function generateAccount(index: number, owner: Rep, sloppy: number, random: Random): Account {
  const segment: Segment = owner.segment ?? "SMB";
  const name = `${COMPANY_STEMS[index % COMPANY_STEMS.length]} ${COMPANY_KINDS[Math.floor(index / COMPANY_STEMS.length) % COMPANY_KINDS.length]}${index >= COMPANY_STEMS.length * COMPANY_KINDS.length ? ` ${Math.floor(index / (COMPANY_STEMS.length * COMPANY_KINDS.length)) + 1}` : ""}`;
  const mismatched = random.chance(0.1 * sloppy);
  const employees =
    segment === "SMB"
      ? mismatched
        ? random.int(100, 400)
        : random.int(5, 99)
      : mismatched
        ? random.pick([random.int(40, 99), random.int(2000, 6000)])
        : random.int(100, 1999);
  const tier: Tier | null = random.chance(0.35 * sloppy)
    ? null
    : random.weighted([
        ["1", 2],
        ["1.5", 2],
        ["2", 3],
        ["3", 3],
      ] as const);
  const topTier = tier === "1" || tier === "1.5";
  return {
    id: `001${String(index + 1).padStart(6, "0")}`,
    name,
    ownerEmail: owner.email,
    segment,
    employees: random.chance(0.04) ? null : employees,
    tier,
    potentialUsers:
      topTier && !random.chance(0.6 * sloppy)
        ? Math.max(5, Math.round(employees * (0.2 + random.next() * 0.6)))
        : null,
    tierNotes: tier !== null && !topTier && !random.chance(0.6 * sloppy) ? random.pick(TIER_NOTES) : null,
    // From the name, drawing nothing from `random`: every other value of the sample stays as it was.
    website: `https://www.${name.toLowerCase().replace(/[^a-z0-9]+/g, "")}.example/`,
  };
}

function generateOpportunity(
  index: number,
  account: Account,
  today: string,
  sloppy: number,
  random: Random,
): Opportunity {
  const isClosed = random.chance(0.42);
  const isWon = isClosed && random.chance(0.45);
  const scale = account.segment === "SMB" ? 1 : 4;
  const amount = Math.round(((1_000 + random.next() ** 2 * 30_000) * scale) / 100) * 100;
  const iacv = Math.round((amount * (0.5 + random.next() * 0.5)) / 100) * 100;
  const channel = random.chance(0.05);
  const name = `${account.name} - ${random.pick(DEAL_KINDS)}${channel ? " (Channel-Managed)" : ""}`;
  const stage = isClosed ? (isWon ? "Closed Won" : "Closed Lost") : random.weighted(OPEN_STAGES);
  const closeDate = isClosed
    ? addDays(today, -random.int(0, 180))
    : addDays(today, random.chance(0.3 * sloppy) ? -random.int(1, 45) : random.int(0, 120));
  const nextStepKind = random.weighted([
    ["specific", 1 - 0.5 * sloppy],
    ["vague", 0.25 * sloppy],
    ["none", 0.25 * sloppy],
  ] as const);
  const nextStep =
    nextStepKind === "specific"
      ? random.pick(SPECIFIC_NEXT_STEPS)
      : nextStepKind === "vague"
        ? random.pick(VAGUE_NEXT_STEPS)
        : null;
  const nextStepDate = random.weighted([
    [addDays(today, random.int(0, 21)), 1 - 0.55 * sloppy],
    [addDays(today, -random.int(1, 30)), 0.4 * sloppy],
    [null, 0.15 * sloppy],
  ] as const);
  const lastActivityDate = random.weighted([
    [addDays(today, -random.int(0, 14)), 1 - 0.6 * sloppy],
    [addDays(today, -random.int(15, 60)), 0.5 * sloppy],
    [null, 0.1 * sloppy],
  ] as const);
  const threshold = account.segment === "SMB" ? 5_000 : 10_000;
  const commandPlan = {} as Opportunity["commandPlan"];
  const planSkipped = random.chance(0.8 * sloppy);
  for (const field of COMMAND_PLAN_FIELDS) {
    commandPlan[field] =
      planSkipped && random.chance(0.2) ? null : random.pick(COMMAND_PLAN_TEXT[field] ?? ["—"]);
  }
  return {
    id: `006${String(index + 1).padStart(7, "0")}`,
    name,
    accountId: account.id,
    ownerEmail: account.ownerEmail,
    stage,
    isClosed,
    isWon,
    amount: random.chance(0.03) ? null : amount,
    iacv: random.chance(0.03) ? null : iacv,
    closeDate,
    nextStep: isClosed ? null : nextStep,
    nextStepDate: isClosed ? null : nextStepDate,
    deckUrl:
      amount > threshold && !random.chance(0.7 * sloppy)
        ? `https://docs.example.com/presentation/d/deck-${index + 1}`
        : null,
    lastActivityDate,
    howHeard: !random.chance(0.4 * sloppy) ? random.pick(HOW_HEARD) : null,
    closedReason:
      isClosed && !random.chance(0.7 * sloppy)
        ? random.pick(isWon ? CLOSED_WON_REASONS : CLOSED_LOST_REASONS)
        : null,
    commandPlan,
  };
}
