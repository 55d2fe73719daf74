// Breach alerts decided: Support in Los Angeles, reps in London, Dublin, New York and Sydney.
import { describe, expect, it } from "vitest";
import type { CalendarSettings } from "../../src/domain/calendar.ts";
import type { Account, Rep } from "../../src/domain/model.ts";
import { indexAccounts, matchAccount, websiteDomain } from "../../src/domain/support-account-match.ts";
import {
  alertId,
  alertsTodayByRep,
  type BreachContext,
  onDutyFor,
  planBreachAlerts,
  type RepOnCall,
  settleAlerts,
  triageCoverage,
} from "../../src/domain/support-breach.ts";
import type { SlaTarget, SupportTicket } from "../../src/domain/support-ticket.ts";
import { account, rep } from "../helpers/builders.ts";

const LONDON = rep({
  email: "lena@example.com",
  name: "Lena London",
  timezone: "Europe/London",
  country: "GB",
});
const DUBLIN = rep({
  email: "dara@example.com",
  name: "Dara Dublin",
  timezone: "Europe/Dublin",
  country: "IE",
});
const NEW_YORK = rep({
  email: "nia@example.com",
  name: "Nia NewYork",
  timezone: "America/New_York",
  country: "US",
  segment: "MM",
});
const SYDNEY = rep({
  email: "sam@example.com",
  name: "Sam Sydney",
  timezone: "Australia/Sydney",
  country: "AU",
});
/** A Mid-Market rep in London who owns an account but does not triage. */
const OWNER = rep({
  email: "owen@example.com",
  name: "Owen Owner",
  timezone: "Europe/London",
  country: "GB",
  segment: "MM",
});

const SUPPORT: BreachContext["support"] = {
  hours: { timezone: "America/Los_Angeles", days: [1, 2, 3, 4, 5], start: 8 * 60, end: 17 * 60 },
  triage: { segment: "SMB" },
  leadMinutes: 120,
};
const CALENDAR: CalendarSettings = { workingDays: [1, 2, 3, 4, 5], holidays: true, daysOff: [] };

const ACCOUNTS: Account[] = [
  account({ id: "001N", name: "Nia Corp", ownerEmail: NEW_YORK.email }),
  account({ id: "001O", name: "Owen Industries", ownerEmail: OWNER.email, segment: "MM" }),
];

const onCall = (r: Rep, extra: Partial<RepOnCall> = {}): RepOnCall => ({
  rep: r,
  away: false,
  pause: null,
  ...extra,
});

function context(now: string, overrides: Partial<BreachContext> = {}): BreachContext {
  return {
    now: new Date(now),
    support: SUPPORT,
    calendar: CALENDAR,
    window: { windowStart: 9 * 60, windowEnd: 17 * 60 },
    reps: [LONDON, DUBLIN, NEW_YORK, SYDNEY, OWNER].map((r) => onCall(r)),
    accounts: indexAccounts(ACCOUNTS),
    alerted: new Set(),
    alertsToday: new Map(),
    ...overrides,
  };
}

function ticket(id: number, slas: SlaTarget[], externalId: string | null = null): SupportTicket {
  return {
    id,
    subject: `Ticket ${id}`,
    status: "open",
    group: "Renewals",
    tags: [],
    assigneeId: null,
    organization: externalId ? { id: 9, name: "Org", externalId, domainNames: [] } : null,
    slas,
    updatedAt: new Date("2026-03-01T00:00:00Z"),
  };
}

const active = (breachAt: string, metric = "first_reply_time"): SlaTarget => ({
  metric,
  stage: "active",
  breachAt: new Date(breachAt),
});

const plan = (tickets: SupportTicket[], ctx: BreachContext) =>
  planBreachAlerts(tickets, ctx).map((alert) => ({
    ticket: alert.ticket.id,
    metric: alert.sla.metric,
    rep: alert.rep.email,
    as: alert.as,
  }));

describe("which breaches are alerted", () => {
  // Tuesday 2026-03-10: London and Dublin on GMT, New York on EDT, Los Angeles on PDT (UTC-7).
  it("alerts a breach outside Support's hours to the on-duty triaging rep, fewest alerts first, ties by email", () => {
    // 11:00 UTC is 04:00 in Los Angeles: Support is asleep; London and Dublin are at work.
    expect(plan([ticket(1, [active("2026-03-10T11:00:00Z")])], context("2026-03-10T10:00:00Z"))).toEqual([
      { ticket: 1, metric: "first_reply_time", rep: "dara@example.com", as: "triage" },
    ]);
    const busyDara = context("2026-03-10T10:00:00Z", { alertsToday: new Map([["dara@example.com", 2]]) });
    expect(plan([ticket(1, [active("2026-03-10T11:00:00Z")])], busyDara)[0]?.rep).toBe("lena@example.com");
  });

  it("takes turns within one read", () => {
    const tickets = [1, 2, 3].map((id) => ticket(id, [active(`2026-03-10T11:0${id}:00Z`)]));
    expect(plan(tickets, context("2026-03-10T10:00:00Z")).map((alert) => alert.rep)).toEqual([
      "dara@example.com",
      "lena@example.com",
      "dara@example.com",
    ]);
  });

  it("leaves a breach inside Support's hours to Support", () => {
    // 16:00 UTC is 09:00 in Los Angeles.
    expect(plan([ticket(1, [active("2026-03-10T16:00:00Z")])], context("2026-03-10T15:00:00Z"))).toEqual([]);
  });

  it("waits until the breach is within leadMinutes, and never alerts one already passed", () => {
    const tickets = [ticket(1, [active("2026-03-10T13:00:00Z")])];
    expect(plan(tickets, context("2026-03-10T10:59:00Z"))).toEqual([]);
    expect(plan(tickets, context("2026-03-10T11:00:00Z"))).toHaveLength(1);
    expect(plan(tickets, context("2026-03-10T13:00:00Z"))).toEqual([]);
  });

  it("alerts each ticket and metric once, and a later metric of the same ticket when its own time comes", () => {
    const t = ticket(1, [active("2026-03-10T11:00:00Z"), active("2026-03-10T12:30:00Z", "next_reply_time")]);
    const first = context("2026-03-10T10:00:00Z");
    expect(plan([t], first).map((alert) => alert.metric)).toEqual(["first_reply_time"]);
    const alerted = new Set([alertId(1, "first_reply_time")]);
    expect(plan([t], context("2026-03-10T10:05:00Z", { alerted }))).toEqual([]);
    // Once the first reply's breach has passed, the next reply's is the next active breach.
    expect(plan([t], context("2026-03-10T11:01:00Z", { alerted })).map((alert) => alert.metric)).toEqual([
      "next_reply_time",
    ]);
  });

  it("skips achieved and paused targets, and a ticket whose targets are all so", () => {
    const t = ticket(1, [
      { metric: "first_reply_time", stage: "achieved", breachAt: null },
      { metric: "periodic_update_time", stage: "paused", breachAt: null },
      active("2026-03-10T11:30:00Z", "next_reply_time"),
    ]);
    expect(plan([t], context("2026-03-10T10:00:00Z")).map((alert) => alert.metric)).toEqual([
      "next_reply_time",
    ]);
    const quiet = ticket(2, [{ metric: "first_reply_time", stage: "paused", breachAt: null }]);
    expect(plan([quiet], context("2026-03-10T10:00:00Z"))).toEqual([]);
  });

  it("alerts nobody when no triaging rep is on duty: at the weekend, and before anyone starts", () => {
    // Saturday: Support is off, and so is every triaging rep.
    expect(plan([ticket(1, [active("2026-03-14T11:00:00Z")])], context("2026-03-14T10:00:00Z"))).toEqual([]);
    // Tuesday 07:00 UTC: London and Dublin start at 09:00, Sydney finished at 06:00 UTC.
    expect(plan([ticket(1, [active("2026-03-10T08:30:00Z")])], context("2026-03-10T07:00:00Z"))).toEqual([]);
  });

  it("does not alert a breach after every on-duty rep's working hours end", () => {
    // 17:30 UTC Friday is 10:30 in Los Angeles: narrow Support's day so it is off-hours there.
    const support = { ...SUPPORT, hours: { ...SUPPORT.hours, start: 12 * 60 } };
    const ctx = context("2026-03-13T16:00:00Z", { support });
    expect(plan([ticket(1, [active("2026-03-13T16:59:00Z")])], ctx)).toHaveLength(1);
    expect(plan([ticket(1, [active("2026-03-13T17:00:00Z")])], ctx)).toEqual([]);
  });

  it("counts a Sydney rep on their Tuesday while Los Angeles is still on Monday evening", () => {
    // 01:00 UTC Tuesday: 18:00 Monday in Los Angeles, 12:00 Tuesday in Sydney.
    expect(plan([ticket(1, [active("2026-03-10T01:00:00Z")])], context("2026-03-09T23:00:00Z"))).toEqual([
      { ticket: 1, metric: "first_reply_time", rep: "sam@example.com", as: "triage" },
    ]);
  });
});

describe("who triages", () => {
  it("says when support.triage matches nobody, so the queue would never be read", () => {
    expect(triageCoverage([LONDON, DUBLIN, NEW_YORK, SYDNEY, OWNER], { segment: "SMB" }).problem).toBeNull();
    expect(triageCoverage([LONDON, DUBLIN, NEW_YORK, SYDNEY, OWNER], { segment: "Enterprise" }).problem).toBe(
      "no account executive in the CRM has segment Enterprise (support.triage): nobody triages, so the support queue is never read",
    );
    expect(
      triageCoverage([LONDON, DUBLIN, NEW_YORK, SYDNEY, OWNER], { emails: ["gone@example.com"] }).triagers,
    ).toEqual([]);
  });
});

describe("who is told", () => {
  it("tells the account owner when on duty, whatever their segment", () => {
    expect(
      plan([ticket(1, [active("2026-03-10T11:00:00Z")], "001O")], context("2026-03-10T10:00:00Z")),
    ).toEqual([{ ticket: 1, metric: "first_reply_time", rep: "owen@example.com", as: "owner" }]);
  });

  it("gives the ticket to triage when the owner is away, paused, or not at work yet", () => {
    const ctx = (owner: RepOnCall) =>
      context("2026-03-10T10:00:00Z", { reps: [onCall(LONDON), onCall(DUBLIN), owner, onCall(NEW_YORK)] });
    const t = [ticket(1, [active("2026-03-10T11:00:00Z")], "001O")];
    expect(plan(t, ctx(onCall(OWNER, { away: true })))[0]).toMatchObject({
      rep: "dara@example.com",
      as: "triage",
    });
    expect(plan(t, ctx(onCall(OWNER, { pause: { until: "2026-03-10" } })))[0]?.as).toBe("triage");
    // Nia's account; she is in New York, where it is 06:00.
    const nias = [ticket(2, [active("2026-03-10T11:00:00Z")], "001N")];
    expect(plan(nias, ctx(onCall(OWNER)))[0]).toMatchObject({ rep: "dara@example.com", as: "triage" });
  });

  it("leaves out a triaging rep on their public holiday, and counts nobody when the only one left is away", () => {
    // St Patrick's Day, Tuesday 2026-03-17: a holiday in Dublin, not in London.
    const t = [ticket(1, [active("2026-03-17T11:00:00Z")])];
    expect(plan(t, context("2026-03-17T10:00:00Z"))[0]?.rep).toBe("lena@example.com");
    const londonAway = context("2026-03-17T10:00:00Z", {
      reps: [onCall(LONDON, { away: true }), onCall(DUBLIN), onCall(OWNER)],
    });
    // Owen is on duty but does not triage: with no triaging rep at work, nobody is alerted.
    expect(plan([ticket(1, [active("2026-03-17T11:00:00Z")], "001O")], londonAway)).toEqual([]);
  });

  it("gives the ticket to triage while the owner is on a public holiday", () => {
    // Monday 2026-05-25: the Spring bank holiday in the UK, a working day in Ireland; 09:00 UTC is
    // 10:00 BST and IST, 02:00 in Los Angeles.
    const t = [ticket(1, [active("2026-05-25T10:00:00Z")], "001O")];
    expect(plan(t, context("2026-05-25T09:00:00Z"))).toEqual([
      { ticket: 1, metric: "first_reply_time", rep: "dara@example.com", as: "triage" },
    ]);
    expect(plan(t, context("2026-05-26T09:00:00Z"))).toEqual([]);
    expect(
      plan([ticket(2, [active("2026-05-26T10:00:00Z")], "001O")], context("2026-05-26T09:00:00Z")),
    ).toEqual([{ ticket: 2, metric: "first_reply_time", rep: "owen@example.com", as: "owner" }]);
  });

  it("triages by a list of emails when the config names them", () => {
    const ctx = context("2026-03-10T10:00:00Z", {
      support: { ...SUPPORT, triage: { emails: ["lena@example.com"] } },
    });
    expect(plan([ticket(1, [active("2026-03-10T11:00:00Z")])], ctx)[0]?.rep).toBe("lena@example.com");
  });
});

describe("working hours across daylight saving changes", () => {
  const calendar = { window: { windowStart: 9 * 60, windowEnd: 17 * 60 }, calendar: CALENDAR };

  it("reads Sydney's hours in AEST the week its clocks go back, and keeps Easter Monday off", () => {
    // Tuesday 2026-04-07 09:30 AEST (UTC+10) is 23:30 UTC Monday; 06:45 UTC is 16:45 there.
    const now = new Date("2026-04-06T23:30:00Z");
    expect(onDutyFor(onCall(SYDNEY), new Date("2026-04-07T06:45:00Z"), now, calendar)).toBe(true);
    expect(onDutyFor(onCall(SYDNEY), new Date("2026-04-07T07:05:00Z"), now, calendar)).toBe(false);
    // 06:45 UTC Tuesday is 23:45 Monday in Los Angeles: off-hours there.
    expect(plan([ticket(1, [active("2026-04-07T06:45:00Z")])], context("2026-04-07T05:00:00Z"))[0]?.rep).toBe(
      "sam@example.com",
    );
    // The day before was Easter Monday, a public holiday in Sydney.
    expect(plan([ticket(2, [active("2026-04-06T06:45:00Z")])], context("2026-04-06T05:00:00Z"))).toEqual([]);
  });

  it("reads London's hours in BST the Monday after its clocks go forward", () => {
    // Monday 2026-03-30: 07:30 UTC is 08:30 BST, before London starts; 08:05 UTC is 09:05.
    const t = [ticket(1, [active("2026-03-30T08:30:00Z")])];
    expect(plan(t, context("2026-03-30T07:30:00Z"))).toEqual([]);
    expect(plan(t, context("2026-03-30T08:05:00Z"))[0]?.rep).toBe("dara@example.com");
    // 15:50 UTC is 16:50 BST; a breach at 16:05 UTC is 17:05 BST, after London's day.
    const late = { ...SUPPORT, hours: { ...SUPPORT.hours, start: 12 * 60 } };
    expect(
      plan([ticket(2, [active("2026-03-30T16:05:00Z")])], context("2026-03-30T15:50:00Z", { support: late })),
    ).toEqual([]);
  });
});

describe("how alerts end", () => {
  const at = (iso: string) => new Date(iso);
  const open = [
    { ticketId: 1, metric: "first_reply_time", breachAt: at("2026-03-10T11:00:00Z") },
    { ticketId: 2, metric: "first_reply_time", breachAt: at("2026-03-10T11:30:00Z") },
    { ticketId: 3, metric: "first_reply_time", breachAt: at("2026-03-10T11:30:00Z") },
    { ticketId: 4, metric: "next_reply_time", breachAt: at("2026-03-10T13:00:00Z") },
  ];
  it("marks breached anyway, met when achieved or gone from the queue before its breach, and leaves running ones open", () => {
    const tickets = [
      ticket(1, [active("2026-03-10T11:00:00Z")]),
      ticket(2, [{ metric: "first_reply_time", stage: "achieved", breachAt: null }]),
      ticket(4, [active("2026-03-10T13:00:00Z", "next_reply_time")]),
    ];
    expect(settleAlerts(open, tickets, at("2026-03-10T11:05:00Z"))).toEqual([
      { ticketId: 1, metric: "first_reply_time", outcome: "breached" },
      { ticketId: 2, metric: "first_reply_time", outcome: "met" },
      { ticketId: 3, metric: "first_reply_time", outcome: "met" },
    ]);
  });

  it("does not let a later cycle of the same metric settle the alert of an earlier one", () => {
    const alert = [{ ticketId: 4, metric: "next_reply_time", breachAt: at("2026-03-10T13:00:00Z") }];
    // The reply came in time and a new cycle runs to 16:00: the alerted one was met.
    const nextCycle = [ticket(4, [active("2026-03-10T16:00:00Z", "next_reply_time")])];
    expect(settleAlerts(alert, nextCycle, at("2026-03-10T12:30:00Z"))).toEqual([
      { ticketId: 4, metric: "next_reply_time", outcome: "met" },
    ]);
    // Read at 16:05, the later cycle's breach has passed: that is not this alert's breach.
    expect(settleAlerts(alert, nextCycle, at("2026-03-10T16:05:00Z"))).toEqual([]);
  });

  it("leaves a ticket missing from a read after its breach open, and calls it left the queue a day on", () => {
    const alert = [{ ticketId: 3, metric: "first_reply_time", breachAt: at("2026-03-10T11:30:00Z") }];
    expect(settleAlerts(alert, [], at("2026-03-10T11:35:00Z"))).toEqual([]);
    // A later read that shows it again, still active: breached anyway.
    expect(
      settleAlerts(alert, [ticket(3, [active("2026-03-10T11:30:00Z")])], at("2026-03-10T11:40:00Z")),
    ).toEqual([{ ticketId: 3, metric: "first_reply_time", outcome: "breached" }]);
    expect(settleAlerts(alert, [], at("2026-03-11T11:29:00Z"))).toEqual([]);
    expect(settleAlerts(alert, [], at("2026-03-11T11:30:00Z"))).toEqual([
      { ticketId: 3, metric: "first_reply_time", outcome: "left" },
    ]);
  });
});

describe("alerts today", () => {
  it("counts each rep's alerts on their own local date", () => {
    const zones: Record<string, string> = {
      "sam@example.com": "Australia/Sydney",
      "lena@example.com": "Europe/London",
    };
    const counts = alertsTodayByRep(
      [
        { rep: "sam@example.com", alertedAt: new Date("2026-03-09T12:00:00Z") }, // 23:00 Monday in Sydney
        { rep: "sam@example.com", alertedAt: new Date("2026-03-09T13:30:00Z") }, // 00:30 Tuesday
        { rep: "lena@example.com", alertedAt: new Date("2026-03-09T23:30:00Z") },
      ],
      (email) => zones[email] ?? "UTC",
      new Date("2026-03-09T23:45:00Z"),
    );
    expect(counts).toEqual(
      new Map([
        ["sam@example.com", 1],
        ["lena@example.com", 1],
      ]),
    );
  });
});

describe("matching a ticket's organization to a CRM account", () => {
  const accounts = [
    account({ id: "001A", name: "Acme Widgets", ownerEmail: "a@example.com" }),
    {
      ...account({ id: "001B", name: "Bluepeak", ownerEmail: "b@example.com" }),
      website: "https://www.bluepeak.io/about",
    },
  ];
  const index = indexAccounts(accounts);
  const org = (fields: Partial<{ name: string; externalId: string | null; domainNames: string[] }>) => ({
    id: 1,
    name: "Someone Else",
    externalId: null,
    domainNames: [],
    ...fields,
  });
  it("matches by external id, then website domain, then name with case ignored", () => {
    expect(matchAccount(org({ externalId: "001A", name: "Bluepeak" }), index).account?.id).toBe("001A");
    expect(matchAccount(org({ domainNames: ["bluepeak.io"] }), index).account?.id).toBe("001B");
    expect(matchAccount(org({ name: "ACME widgets" }), index).account?.id).toBe("001A");
    expect(matchAccount(org({ externalId: "nope" }), index).account).toBeNull();
    expect(matchAccount(null, index).account).toBeNull();
  });
  it("reads a website's domain without scheme, www. or path", () => {
    expect(websiteDomain("HTTPS://WWW.Acme.com:443/x?y")).toBe("acme.com");
    expect(websiteDomain("acme.co.uk")).toBe("acme.co.uk");
    expect(websiteDomain("n/a")).toBeNull();
  });
});
