// Benchmark: one support-queue poll at scale. A loopback Zendesk stand-in holds 5,000 open tickets in
// the three default groups (first-reply SLAs spread over the day, ~1,000 organizations); 500 reps in
// London, Dublin, New York and Sydney (SMB triage, MM own accounts) with accounts matching the
// organizations. Per poll: the queue read through the real Zendesk client (ms, requests), and the
// poller's own work on that read (breach decision, settling, forwards, recording and sending the
// alerts due), median of several polls five minutes apart. Then Zendesk requests per day.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { createApp, createBot } from "../src/app.ts";
import type { Account, Rep, Snapshot } from "../src/domain/model.ts";
import { segmentPipeline } from "../src/domain/segments.ts";
import { isTriaging, workingNow } from "../src/domain/support-breach.ts";
import type { QueueRead, SupportDesk } from "../src/services/ports/support-desk-port.ts";
import { createZendeskDesk } from "../src/support/zendesk/zendesk-desk.ts";
import { FakeSlack } from "../tests/helpers/fake-slack.ts";
import { memorySource } from "../tests/helpers/memory-source.ts";
import { generateTickets, startZendeskStandIn } from "../tests/helpers/zendesk-stand-in.ts";
import { median, mib, report } from "./report.ts";

const TICKETS = 5_000;
const ORGANIZATIONS = 1_000;
const REPS = 500;
const POLLS = 5;
const POLL_MINUTES = 5;
// Wednesday 11 March 2026, 10:00 UTC: London and Dublin at work, New York and Sydney not, Support
// (Los Angeles, 03:00) off for five more hours: each poll's lead reaches further into its off-hours.
const NOW = new Date("2026-03-11T10:00:00Z");
const ZONES = [
  { timezone: "Europe/London", country: "GB" },
  { timezone: "Europe/Dublin", country: "IE" },
  { timezone: "America/New_York", country: "US" },
  { timezone: "Australia/Sydney", country: "AU" },
] as const;

function tempFile(name: string, text = ""): string {
  const path = join(mkdtempSync(join(tmpdir(), "nudgebot-bench-")), name);
  writeFileSync(path, text);
  return path;
}

/** 500 reps, the zones in turn; every other one SMB (triage), the rest MM. */
function team(): Snapshot {
  const reps: Rep[] = Array.from({ length: REPS }, (_, index) => {
    const zone = ZONES[index % ZONES.length] ?? ZONES[0];
    return {
      email: `rep${index}@example.com`,
      name: `Rep ${index}`,
      segment: Math.floor(index / ZONES.length) % 2 === 0 ? "SMB" : "MM",
      timezone: zone.timezone,
      country: zone.country,
      managerEmail: null,
      role: "ae",
      startDate: "2024-01-15",
    };
  });
  // One account per organization: odd ones matched by external id, even ones by website domain.
  const accounts: Account[] = Array.from({ length: ORGANIZATIONS }, (_, index) => {
    const n = index + 1;
    const owner = reps[index % REPS] as Rep;
    return {
      id: n % 2 === 1 ? `001C${n}` : `001W${n}`,
      name: `Account ${n}`,
      ownerEmail: owner.email,
      segment: owner.segment ?? "SMB",
      employees: 50,
      tier: "2",
      potentialUsers: null,
      tierNotes: null,
      website: `https://www.customer${n}.test/`,
    };
  });
  return { reps, accounts, opportunities: [] };
}

/** Polls a day: 5-minute slots of one UTC day in which any triaging rep is working. */
function pollsOn(day: string, reps: Rep[], gate: (rep: Rep, at: Date) => boolean): number {
  const start = Date.parse(`${day}T00:00:00Z`);
  let polls = 0;
  for (let at = start; at < start + 86_400_000; at += POLL_MINUTES * 60_000)
    if (reps.some((rep) => gate(rep, new Date(at)))) polls += 1;
  return polls;
}

export async function supportBench(): Promise<void> {
  const data = team();
  const zendesk = await startZendeskStandIn({
    organizations: ORGANIZATIONS,
    tickets: 0,
    now: NOW,
    agents: [{ email: "rep0@example.com", name: "Rep 0" }],
  });
  // The stand-in's own generator, with breach times spread over the whole day rather than ten hours.
  const queueIds = zendesk.groups.filter((group) => group.name !== "Billing").map((group) => group.id);
  for (const ticket of generateTickets(TICKETS, {
    now: NOW,
    groupIds: queueIds,
    organizations: ORGANIZATIONS,
  })) {
    const sla = ticket.slas[0];
    if (sla)
      sla.breach_at = new Date(NOW.getTime() + (((ticket.id * 37) % 1_440) + 1) * 60_000).toISOString();
    zendesk.tickets.set(ticket.id, ticket);
  }

  const slack = new FakeSlack();
  for (const [index, rep] of data.reps.entries())
    slack.addUser(rep.email, `U${String(index).padStart(6, "0")}`);
  const { url, server } = await slack.listen();
  const clock = { now: NOW };
  const base = createApp({
    SLACK_BOT_TOKEN: "xoxb-bench",
    SLACK_SIGNING_SECRET: "bench-signing-secret",
    SLACK_API_URL: url,
    PORT: "0",
    DATA_SOURCE: "sample",
    DATABASE_URL: `sqlite:${tempFile("bench.db")}`,
    NUDGEBOT_CONFIG: tempFile("nudgebot.yml"),
    LOG_LEVEL: "silent",
    ZENDESK_URL: zendesk.url,
    ZENDESK_EMAIL: zendesk.email,
    ZENDESK_API_TOKEN: zendesk.token,
  });
  const real = createZendeskDesk(base.config.zendesk, base.logger);
  if (!real) throw new Error("ZENDESK_* did not configure the desk");
  // The poller is handed the read just made, so its own work is timed apart from the network.
  let current: QueueRead | null = null;
  const replay: SupportDesk = {
    ticketUrl: (id) => real.ticketUrl(id),
    readQueue: async () => {
      if (!current) throw new Error("nothing read yet");
      return current;
    },
    findAgent: (email) => real.findAgent(email),
    assignIfUnassigned: (id, agent) => real.assignIfUnassigned(id, agent),
    check: (groups) => real.check(groups),
  };
  const app = { ...base, clock: () => new Date(clock.now), source: memorySource(data) };
  const bot = await createBot(app, { supportDesk: replay });
  const support = bot.support;
  if (!support) throw new Error("the support queue is off");
  const groups = base.config.support.groups;

  const reads: number[] = [];
  const decisions: number[] = [];
  const totals: number[] = [];
  const requests: number[] = [];
  const alerted: number[] = [];
  let tickets = 0;
  // Poll 0 is the warm-up: it reads the CRM and alerts the backlog already within the lead.
  let backlog = 0;
  let backlogMs = 0;
  for (let poll = 0; poll <= POLLS; poll += 1) {
    clock.now = new Date(NOW.getTime() + poll * POLL_MINUTES * 60_000);
    globalThis.gc?.();
    const readStart = performance.now();
    current = await real.readQueue(groups);
    const readMs = performance.now() - readStart;
    const decideStart = performance.now();
    const summary = await support.poll();
    const decideMs = performance.now() - decideStart;
    if (summary.status !== "read") throw new Error(`poll ${poll}: ${summary.status}`);
    tickets = summary.tickets;
    if (poll === 0) {
      backlog = summary.alerted;
      backlogMs = decideMs;
      continue;
    }
    reads.push(readMs);
    decisions.push(decideMs);
    totals.push(readMs + decideMs);
    requests.push(current.requests);
    alerted.push(summary.alerted);
  }

  // Take it: the agent found by email, the ticket read and assigned.
  const before = zendesk.requests.length;
  const agent = await real.findAgent("rep0@example.com");
  if (agent) await real.assignIfUnassigned(1_001, agent.id);
  const perTake = zendesk.requests.length - before;

  // Polls a day by the poller's own gate: any triaging rep working now.
  const config = base.config;
  const reps = segmentPipeline(data, config.rules.defaultSegment).reps.filter((rep) =>
    isTriaging(rep, config.support.triage),
  );
  const settings = bot.cycle.quiet.settings;
  const gate = (rep: Rep, at: Date) =>
    workingNow({ rep, away: false, pause: null }, at, { calendar: settings, window: config.digest });
  const perPoll = median(requests);
  const days = [
    ["Wed 11 Mar (weekday)", "2026-03-11"],
    ["Sat 14 Mar", "2026-03-14"],
    ["Sun 15 Mar", "2026-03-15"],
  ] as const;
  const polls = days.map(([label, day]) => [label, pollsOn(day, reps, gate)] as const);
  const week = [
    "2026-03-09",
    "2026-03-10",
    "2026-03-11",
    "2026-03-12",
    "2026-03-13",
    "2026-03-14",
    "2026-03-15",
  ]
    .map((day) => pollsOn(day, reps, gate))
    .reduce((sum, count) => sum + count, 0);

  await bot.store.close();
  server.close();
  await zendesk.close();

  const ms = (values: number[]) => `${median(values).toFixed(0)} ms`;
  const total = median(totals);
  report(
    `support queue: ${tickets.toLocaleString("en")} open tickets, ${ORGANIZATIONS} organizations, ${REPS} reps (median of ${POLLS} polls ${POLL_MINUTES} min apart)`,
    [
      ["queue read through the Zendesk client, loopback", `${ms(reads)}, ${perPoll} requests`],
      ["poller's work on the read (decision, settle, forwards, alerts)", ms(decisions)],
      ["alerts per poll, median", median(alerted)],
      [
        "first poll: its backlog of alerts recorded and sent",
        `${backlog} alerts, ${backlogMs.toFixed(0)} ms`,
      ],
      [
        "read + decision per poll",
        `${total.toFixed(0)} ms (target < 1 s${total < 1_000 ? ", met" : ", MISSED"})`,
      ],
      ["peak RSS (bot and stand-in in one process)", mib(process.resourceUsage().maxRSS * 1024)],
      ...polls.map(
        ([label, count]) =>
          [
            `Zendesk requests on ${label}`,
            `${count} polls × ${perPoll} = ${(count * perPoll).toLocaleString("en")}`,
          ] as [string, string],
      ),
      [
        "Zendesk requests a week (Mon–Sun)",
        `${week} polls × ${perPoll} = ${(week * perPoll).toLocaleString("en")}`,
      ],
      ["Take it, requests per click (agent by email, read, assign)", perTake],
    ],
  );
}
