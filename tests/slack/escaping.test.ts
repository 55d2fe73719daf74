// Every view builder in src/messages and src/slack/views, fed a mention, a broadcast and a link in every field a
// rep or the CRM fills: nothing of it may reach Slack as markup, in blocks, fallback text, modal
// titles or options. The walk covers the whole payload, and a builder added later without a case
// here fails the suite.
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { adoption } from "../../src/domain/adoption.ts";
import { buildDigest } from "../../src/domain/digest.ts";
import { planFor } from "../../src/domain/digest-plan.ts";
import { evaluatePipeline } from "../../src/domain/evaluate.ts";
import type { GiveBackProject, PlannedTrip, TripNotes } from "../../src/domain/rituals.ts";
import { tripRoi } from "../../src/domain/roi.ts";
import { DEFAULT_RULE_SETTINGS } from "../../src/domain/settings.ts";
import { weeklyCleanup } from "../../src/domain/weekly-cleanup.ts";
import * as apiBudgetNotice from "../../src/messages/api-budget-notice.ts";
import * as digestBlocks from "../../src/messages/digest-blocks.ts";
import * as giveBackViews from "../../src/messages/give-back-views.ts";
import * as inputs from "../../src/messages/inputs.ts";
import { escapeMrkdwn, linkUrl, mention, mrkdwnLink, plainText } from "../../src/messages/mrkdwn.ts";
import * as notices from "../../src/messages/notices.ts";
import * as recordActions from "../../src/messages/record-actions.ts";
import * as recordLine from "../../src/messages/record-line.ts";
import * as recordUpdate from "../../src/messages/record-update.ts";
import * as supportAlert from "../../src/messages/support-alert.ts";
import * as supportBlocks from "../../src/messages/support-blocks.ts";
import * as teamBlocks from "../../src/messages/team-blocks.ts";
import * as tripViews from "../../src/messages/trip-views.ts";
import * as weeklyCleanupBlocks from "../../src/messages/weekly-cleanup-blocks.ts";
import type { ScopedReport } from "../../src/services/stats.ts";
import { teamScorecard } from "../../src/services/team-scorecards.ts";
import * as commandBlocks from "../../src/slack/views/command-blocks.ts";
import type { FixModalContext } from "../../src/slack/views/fix-modal.ts";
import * as fixModal from "../../src/slack/views/fix-modal.ts";
import * as homeView from "../../src/slack/views/home-view.ts";
import * as pauseViews from "../../src/slack/views/pause-views.ts";
import * as ruleList from "../../src/slack/views/rule-list.ts";
import * as ruleStateBlocks from "../../src/slack/views/rule-state-blocks.ts";
import * as statsBlocks from "../../src/slack/views/stats-blocks.ts";
import * as teamOnly from "../../src/slack/views/team-only.ts";
import * as weeklyRulesBlocks from "../../src/slack/views/weekly-rules-blocks.ts";
import { account, NOW, opportunity, rep, snapshot, withPlan } from "../helpers/builders.ts";

const EVIL = "<!channel> <@U1> <https://x|y> & *b*";
const EVIL_FORM: FixModalContext = {
  kind: "next-step",
  recordType: "opportunity",
  recordId: "006A",
  heading: EVIL,
  owner: "ava@example.com",
  tz: "UTC",
  tierDetails: false,
  fields: ["nextStep", "nextStepDate", "closedReason"],
  choices: { closedReason: [EVIL, "Price"] },
  elsewhere: [{ label: EVIL, where: EVIL }],
};
const EVIL_ESCAPED = "&lt;!channel&gt; &lt;@U1&gt; &lt;https://x|y&gt; &amp; *b*";
/** The id Slack gave the author of a submission: the one mention the bot makes on purpose. */
const AUTHOR = "UAUTHOR";

/** Fields Slack shows in an editable input or not at all, and hands back verbatim. */
const VERBATIM = new Set([
  "value",
  "initial_value",
  "initial_date",
  "private_metadata",
  "action_id",
  "block_id",
  "callback_id",
]);
const OWN_MENTION = new RegExp(`<@${AUTHOR}>`, "g");
const OWN_LINK = /<https?:\/\/[^\s<>|]+\|[^<>]*>/g;

/** Every string in the payload that Slack renders, as `path: text`, with the bot's own markup removed. */
function leaks(payload: unknown): string[] {
  const found: string[] = [];
  const walk = (node: unknown, path: string) => {
    if (typeof node === "string") {
      const rest = node.replace(OWN_MENTION, "").replace(OWN_LINK, "");
      if (rest.includes("<")) found.push(`${path}: ${node}`);
      return;
    }
    if (Array.isArray(node)) {
      for (const [index, item] of node.entries()) walk(item, `${path}[${index}]`);
    } else if (node && typeof node === "object") {
      for (const [key, value] of Object.entries(node)) {
        if (!VERBATIM.has(key)) walk(value, `${path}.${key}`);
      }
    }
  };
  walk(payload, "$");
  return found;
}

// --- one pipeline where every CRM text field says EVIL -------------------------------------------
const manager = rep({ email: "mia@example.com", name: EVIL, role: "manager", managerEmail: null });
const ava = rep({ name: `${EVIL} Okafor` });
const data = snapshot({
  reps: [manager, ava],
  accounts: [account({ name: EVIL, tier: null, tierNotes: EVIL })],
  opportunities: [
    opportunity({
      id: "006A",
      name: EVIL,
      stage: EVIL,
      nextStep: "<!here> <@U2>", // two words: "too vague", quoted back in the digest
      howHeard: null,
      amount: 90_000,
      iacv: 90_000,
      commandPlan: withPlan({ whyNow: null, champion: EVIL }),
      url: "https://crm.example.com/<!channel>|x",
    }),
    opportunity({ id: "006B", name: EVIL, stage: EVIL, nextStep: "tbd", url: EVIL }),
  ],
});
const evaluation = evaluatePipeline(data, {
  now: NOW,
  settings: DEFAULT_RULE_SETTINGS,
  defaultTimezone: "UTC",
});
const owner = evaluation.owners.get("ava@example.com");
if (!owner) throw new Error("Ava has no evaluation");
const digest = buildDigest(owner);
// focus 1: one record leads, the other is counted in rule lines, so both paths are walked.
const plan = planFor(digest, 1, DEFAULT_RULE_SETTINGS, {
  newKeys: new Set(digest.records.flatMap((g) => g.findings.map((f) => `${f.rule}|${f.recordId}`))),
  progress: { since: "2026-03-09", fixed: 2, new: 1, scoreBefore: 0.5, scoreNow: 0.6 },
});
const [line] = plan.lines;
if (!line) throw new Error("Ava has no rule line");
const [group] = digest.records;
if (!group) throw new Error("Ava has no findings");
const team = teamScorecard(EVIL, manager, [owner]);

// --- what reps type ------------------------------------------------------------------------------
const project: GiveBackProject = {
  id: "p1",
  rep: "ava@example.com",
  title: EVIL,
  problem: EVIL,
  description: EVIL,
  coeTopic: EVIL,
  trackingUrl: EVIL,
  repeatable: true,
  handbookUrl: "https://handbook.example.com/<!channel>|x",
  status: "completed",
  createdAt: NOW,
};
const row = {
  project,
  thisMonth: adoption("2026-03", 3, 4),
  lastMonth: adoption("2026-02", 1, 4),
  mine: true,
};
const costs = {
  travelCost: 600,
  foodAndLodgingCost: 450,
  meals: 2,
  customers: 3,
  times: 2,
  costPerMeal: 50,
  businessHoursAway: 16,
  personalHoursAway: 8,
};
const trip: PlannedTrip = {
  ...costs,
  id: "t1",
  rep: "ava@example.com",
  eventName: EVIL,
  startDate: "2026-03-02",
  endDate: "2026-03-04",
  meetingsBooked: 3,
  status: "planned",
  remindersSent: 0,
  createdAt: NOW,
};
const notes: TripNotes = {
  id: "n1",
  rep: "ava@example.com",
  tripId: null,
  eventName: EVIL,
  startDate: "2026-03-02",
  endDate: "2026-03-04",
  location: EVIL,
  accountsMet: EVIL,
  insights: EVIL,
  pipelineCreated: 42_000,
  followUps: EVIL,
  notesUrl: EVIL,
  feedbackShared: true,
  createdAt: NOW,
};

interface Case {
  build: () => unknown;
  /** The evil text is in what this builder shows (false for fixed forms). */
  shows: boolean;
}

/** A manager's report: the scope names the manager as the CRM spells them. */
const stats: ScopedReport = {
  scope: `the team of ${EVIL}`,
  report: {
    period: { since: "2026-02-11", until: "2026-03-10" },
    rules: [
      {
        rule: "activity-missing",
        opened: 30,
        nudged: 25,
        fixedWithin3: 2,
        fixRate: 0.08,
        medianDaysToFix: 6,
        open: 20,
        snoozedShare: 0.1,
        noisy: true,
      },
    ],
    ruleWeeks: [{ rule: "activity-missing", week: "2026-W10", nudged: 25, fixedWithin3: 2, fixRate: 0.08 }],
    weeks: [{ week: "2026-W10", overall: 0.8, skills: {} }],
  },
};

/** A forwarded ticket whose subject, tag and organization's rep name are written to harm. */
const EVIL_TICKET = {
  ticketId: 4021,
  subject: EVIL,
  tag: EVIL,
  url: "https://acme.zendesk.com/agent/tickets/4021",
  rep: EVIL,
};

// A breach alert whose subject and organization, as Zendesk gave them, say EVIL.
const EVIL_ALERT: supportAlert.SupportAlertFacts = {
  ticketId: 4021,
  subject: EVIL,
  organization: EVIL,
  metric: "first_reply_time",
  breachAt: new Date("2026-03-10T11:00:00Z"),
  timezone: "Europe/London",
  url: "https://acme.zendesk.com/agent/tickets/4021",
  as: "triage",
  now: new Date("2026-03-10T09:30:00Z"),
};

const CASES: Record<string, Case> = {
  "support-alert:supportAlertMessage": {
    build: () => supportAlert.supportAlertMessage(EVIL_ALERT),
    shows: true,
  },
  "support-alert:alertWithNote": {
    build: () => ({
      blocks: supportAlert.alertWithNote(
        supportAlert.supportAlertMessage(EVIL_ALERT).blocks,
        4021,
        "first_reply_time",
        { kind: "taken", by: EVIL },
      ),
    }),
    shows: true,
  },
  "support-alert:takeNoteText": {
    build: () => ({ text: supportAlert.takeNoteText({ kind: "no-agent", email: EVIL }) }),
    shows: true,
  },
  "notices:supportUnauthorizedNotice": {
    build: () => notices.supportUnauthorizedNotice(`https://acme.zendesk.com/${EVIL}`),
    shows: false,
  },
  "support-blocks:fromSupportBlocks": {
    build: () => supportBlocks.fromSupportBlocks([EVIL_TICKET]),
    shows: true,
  },
  "support-blocks:approvalBlocks": {
    build: () => supportBlocks.approvalBlocks([EVIL_TICKET]),
    shows: true,
  },
  "support-blocks:fromSupportSummary": {
    build: () => ({ text: `Pipeline nudges${supportBlocks.fromSupportSummary([EVIL_TICKET])}` }),
    shows: false,
  },
  "api-budget-notice:apiBudgetNotice": {
    build: () =>
      apiBudgetNotice.apiBudgetNotice(
        { usedPercent: 91, maxPercent: 80, setting: "salesforce.maxApiUsagePercent" },
        "Salesforce",
      ),
    shows: false,
  },
  "rule-state-blocks:ruleStateBlocks": {
    build: () =>
      ruleStateBlocks.ruleStateBlocks(
        [
          { rule: "deck-missing", on: false, reason: EVIL },
          { rule: "source-missing", on: true, reason: null },
        ],
        { enterpriseAccounts: 1, enterpriseOpportunities: 2, noRate: { [EVIL]: 3 } },
      ),
    shows: true,
  },
  "command-blocks:scorecardBlocks": {
    build: () => commandBlocks.scorecardBlocks(digest.scorecard),
    shows: false,
  },
  "command-blocks:scorecardMessage": {
    build: () => commandBlocks.scorecardMessage(digest.scorecard),
    shows: false,
  },
  "command-blocks:usageMessage": { build: () => commandBlocks.usageMessage(EVIL), shows: true },
  "command-blocks:runSummaryMessage": {
    build: () =>
      commandBlocks.runSummaryMessage({
        findings: 3,
        queued: 1,
        alreadySent: 0,
        notFound: [EVIL],
        delivered: 1,
        waiting: 0,
      }),
    shows: true,
  },
  "digest-blocks:recordActions": {
    build: () => digest.records.map((g) => digestBlocks.recordActions(g, "Salesforce")),
    shows: false,
  },
  "record-actions:recordActions": {
    build: () => digest.records.map((g) => recordActions.recordActions(g, null)),
    shows: false,
  },
  "digest-blocks:recordBlocks": {
    build: () => digest.records.map((g) => digestBlocks.recordBlocks(g, "Salesforce", plan.newKeys)),
    shows: true,
  },
  "digest-blocks:digestMessage": {
    build: () => [
      digestBlocks.digestMessage(plan, { crm: "Salesforce" }),
      digestBlocks.digestMessage(plan, { crm: null, title: EVIL }),
    ],
    shows: true,
  },
  "digest-blocks:planBlocks": { build: () => digestBlocks.planBlocks(plan, null), shows: true },
  "digest-blocks:ruleLineBlock": { build: () => digestBlocks.ruleLineBlock(line), shows: false },
  "rule-list:ruleListMessage": {
    build: () => [
      ruleList.ruleListMessage(plan, line, "Salesforce"),
      ruleList.ruleListMessage(null, null, null),
    ],
    shows: true,
  },
  "rule-list:ruleRecordBlocks": { build: () => ruleList.ruleRecordBlocks(line, null, 3), shows: true },
  "give-back-views:giveBackModal": { build: () => giveBackViews.giveBackModal(), shows: false },
  "give-back-views:giveBackPost": { build: () => giveBackViews.giveBackPost(project, AUTHOR), shows: true },
  "give-back-views:giveBackListBlocks": {
    build: () => [giveBackViews.giveBackListBlocks([row], 0.7), giveBackViews.giveBackListBlocks([], 0.7)],
    shows: true,
  },
  "give-back-views:checkInMessage": {
    build: () => giveBackViews.checkInMessage(project, "2026-03"),
    shows: true,
  },
  "give-back-views:checkInAnswered": {
    build: () => [
      giveBackViews.checkInAnswered(project, "2026-03", true, true),
      giveBackViews.checkInAnswered(project, "2026-03", false, false),
      giveBackViews.checkInAnswered(null, "2026-03", true, true),
    ],
    shows: true,
  },
  "give-back-views:newHireReminder": { build: () => giveBackViews.newHireReminder(EVIL), shows: true },
  "home-view:homeView": {
    build: () => [
      homeView.homeView(
        { plan, crm: "Salesforce", openRule: line.rule },
        [team],
        { rows: [row], goal: 0.7 },
        [],
        stats,
      ),
      homeView.homeView({ plan: null, crm: null }, [], { rows: [], goal: 0.7 }),
    ],
    shows: true,
  },
  "inputs:textInput": {
    build: () => inputs.textInput("f", EVIL, { hint: EVIL, initial: EVIL, multiline: true }),
    shows: true,
  },
  "inputs:dateInput": { build: () => inputs.dateInput("f", EVIL, { hint: EVIL }), shows: true },
  "inputs:numberInput": {
    build: () => inputs.numberInput("f", EVIL, { hint: EVIL, initial: 3 }),
    shows: true,
  },
  "inputs:urlInput": { build: () => inputs.urlInput("f", EVIL, { hint: EVIL }), shows: true },
  "inputs:selectInput": {
    build: () => inputs.selectInput("f", EVIL, [EVIL, "b"], { initial: EVIL }),
    shows: true,
  },
  "inputs:yesNoInput": { build: () => inputs.yesNoInput("f", EVIL, { hint: EVIL }), shows: true },
  "fix-modal:fixFormModal": {
    build: () => [
      fixModal.fixFormModal({ ...EVIL_FORM, initial: { nextStep: EVIL, closedReason: EVIL } }, {}),
      fixModal.fixFormModal(
        EVIL_FORM,
        {},
        {
          values: { nextStep: EVIL, nextStepDate: EVIL, closedReason: EVIL },
          problem: { field: "nextStep", message: EVIL },
        },
      ),
    ],
    shows: true,
  },
  "fix-modal:fixTargetModal": {
    build: () => [
      fixModal.fixTargetModal(
        { status: "read-only", kind: "next-step", heading: EVIL, where: [{ label: EVIL, where: EVIL }] },
        {},
      ),
      fixModal.fixTargetModal(
        {
          status: "not-updateable",
          kind: "close-date",
          heading: EVIL,
          where: [{ label: EVIL, where: EVIL }],
        },
        {},
      ),
      fixModal.fixTargetModal(
        { status: "open-in-crm", heading: EVIL, rule: "activity-missing", url: EVIL, crm: EVIL },
        {},
      ),
      fixModal.fixTargetModal({ status: "closed", kind: "next-step", heading: EVIL }, {}),
    ],
    shows: true,
  },
  "fix-modal:fixLoadingModal": { build: () => fixModal.fixLoadingModal("deck-link"), shows: false },
  "fix-modal:fixOutOfDateModal": { build: () => fixModal.fixOutOfDateModal(), shows: false },
  "fix-modal:fixSavingModal": { build: () => fixModal.fixSavingModal("command-plan"), shows: false },
  "fix-modal:fixSavedModal": {
    build: () => [
      fixModal.fixSavedModal(EVIL_FORM, { nextStep: EVIL, nextStepDate: EVIL }),
      fixModal.fixSavedModal({ ...EVIL_FORM, kind: "closed-reason" }, { closedReason: EVIL }),
    ],
    shows: true,
  },
  "fix-modal:fixOutcomeModal": {
    build: () => fixModal.fixOutcomeModal(EVIL_FORM, { status: "changed", change: "reassigned" }),
    shows: true,
  },
  "notices:unusableReadNotice": {
    build: () =>
      notices.unusableReadNotice(`csv:${EVIL}`, `opportunities.csv, line 2, amount: got "${EVIL}" \`\`\``),
    shows: true,
  },
  "notices:repNotFoundNotice": {
    build: () => [
      notices.repNotFoundNotice(`${EVIL}@example.com`, EVIL),
      notices.repNotFoundNotice(EVIL, null),
    ],
    shows: true,
  },
  "notices:repLinkedNotice": {
    build: () => [notices.repLinkedNotice(EVIL, EVIL, AUTHOR), notices.repLinkedNotice(EVIL, null, EVIL)],
    shows: true,
  },
  "notices:unlinkedRepsBlocks": {
    build: () => notices.unlinkedRepsBlocks([{ email: `${EVIL}@example.com`, name: EVIL }]),
    shows: true,
  },
  "pause-views:pauseReply": {
    build: () => [
      pauseViews.pauseReply({ status: "refused", message: EVIL }),
      pauseViews.pauseReply({
        status: "paused",
        rep: rep({ name: EVIL }),
        self: false,
        until: "2026-03-12",
        resumesOn: "2026-03-13",
      }),
      pauseViews.pauseReply({ status: "resumed", rep: rep({ name: EVIL }), self: false, wasPaused: true }),
    ],
    shows: true,
  },
  "pause-views:homePauseBlocks": {
    build: () => [
      pauseViews.homePauseBlocks({ until: "2026-03-12", resumesOn: null }),
      pauseViews.homePauseBlocks(null),
    ],
    shows: false,
  },
  "record-line:recordHeading": { build: () => digest.records.map(recordLine.recordHeading), shows: true },
  "record-line:recordText": { build: () => digest.records.map((g) => recordLine.recordText(g)), shows: true },
  "record-update:replaceRecord": {
    build: () =>
      recordUpdate.replaceRecord(
        digestBlocks.digestMessage(plan, { crm: null }).blocks,
        group.recordType,
        group.record.id,
        `:zzz: Snoozed: ${escapeMrkdwn(EVIL)}`,
      ),
    shows: true,
  },
  "team-blocks:teamMessage": {
    build: () => [
      teamBlocks.teamMessage(EVIL, [team]),
      teamBlocks.teamMessage("Your team's week", [team], {
        reps: [
          {
            email: "ava@example.com",
            name: EVIL,
            findings: [
              {
                rule: "source-missing",
                recordId: "006A",
                recordName: EVIL,
                nudgedOn: "2026-03-02",
                workingDays: 6,
              },
            ],
            more: 2,
          },
        ],
        after: 5,
      }),
    ],
    shows: true,
  },
  "team-only:teamOnlyMessage": {
    build: () => (["trips", "giveBack", "checkIn"] as const).map(teamOnly.teamOnlyMessage),
    shows: false,
  },
  "team-only:teamOnlyError": {
    build: () => (["trips", "giveBack", "checkIn"] as const).map(teamOnly.teamOnlyError),
    shows: false,
  },
  "trip-views:tripPlanModal": { build: () => tripViews.tripPlanModal(), shows: false },
  "trip-views:tripPlanResult": {
    build: () => tripViews.tripPlanResult(EVIL, tripRoi(costs), 5, 0.3),
    shows: true,
  },
  "trip-views:tripPickModal": { build: () => tripViews.tripPickModal([trip]), shows: true },
  "trip-views:tripNotesModal": {
    build: () => [tripViews.tripNotesModal(trip), tripViews.tripNotesModal(null)],
    shows: false,
  },
  "trip-views:tripNotesPost": { build: () => tripViews.tripNotesPost(notes, AUTHOR), shows: true },
  "trip-views:tripNotesConfirmation": {
    build: () => tripViews.tripNotesConfirmation(notes, EVIL),
    shows: true,
  },
  "trip-views:tripReminder": { build: () => tripViews.tripReminder(trip, 1, 3), shows: true },
  "stats-blocks:statsBlocks": { build: () => statsBlocks.statsBlocks(stats), shows: true },
  "stats-blocks:statsMessage": { build: () => statsBlocks.statsMessage(stats), shows: true },
  "weekly-cleanup-blocks:weeklyCleanupBlocks": {
    build: () => weeklyCleanupBlocks.weeklyCleanupBlocks(weeklyCleanup(digest)),
    shows: true,
  },
  "weekly-rules-blocks:weeklyRulesNote": {
    build: () =>
      weeklyRulesBlocks.weeklyRulesNote([
        {
          rule: "deck-missing",
          weekly: {
            rule: "deck-missing",
            reason: `moved by ${EVIL} on 2026-03-09`,
            since: "2026-03-09",
            active: true,
          },
          noisy: null,
        },
      ]),
    shows: true,
  },
  "weekly-rules-blocks:weeklyRulesBlocks": {
    // The admin who moved a rule is named as the CRM spells them.
    build: () =>
      weeklyRulesBlocks.weeklyRulesBlocks([
        {
          rule: "deck-missing",
          weekly: {
            rule: "deck-missing",
            reason: `moved by ${EVIL} on 2026-03-09`,
            since: "2026-03-09",
            active: false,
          },
          noisy: null,
        },
        { rule: "activity-missing", weekly: null, noisy: stats.report.rules[0] ?? null },
      ]),
    shows: true,
  },
};

/** Exports of src/messages and src/slack/views that build nothing from outside text, and why. */
const NOT_BUILDERS: Record<string, string> = {
  "ids:encodeFix": "a button value, handed back verbatim",
  "ids:decodeFix": "reads a button value; builds nothing",
  "ids:encodeSnooze": "a button value, handed back verbatim",
  "ids:decodeSnooze": "reads a button value; builds nothing",
  "command-blocks:noticeMessage": "wraps a sentence the bot itself wrote, already mrkdwn",
  "inputs:readViewValues": "reads a submission; builds nothing",
  "record-actions:fixLabel": "a label; plainText escapes it where it becomes a button",
  "digest-blocks:plural": "counts a word the bot itself chose",
  "digest-blocks:progressText": "numbers and dates the bot computed",
  "digest-blocks:accountedFindings": "counts; builds nothing",
  "mrkdwn:escapeMrkdwn": "the escaping itself, tested below",
  "mrkdwn:plainText": "the escaping itself, tested below",
  "mrkdwn:linkUrl": "the escaping itself, tested below",
  "mrkdwn:mrkdwnLink": "the escaping itself, tested below",
  "mrkdwn:mention": "the escaping itself, tested below",
  "mrkdwn:truncate": "cuts text, tested below",
  "pause-views:dayLabel": "formats a date the bot computed",
  "fix-modal:fixBlockId": "a block id from a field name",
  "fix-modal:savedSummary": "plain text, escaped by the modal that shows it (fixSavedModal, tested above)",
  "fix-modal:fixNotSaved": "a sentence of the bot's own",
  "weekly-cleanup-blocks:weeklyCleanupText": "a count, for the fallback text",
  "weekly-rules-blocks:encodeRuleMove": "a button value, handed back verbatim",
  "weekly-rules-blocks:decodeRuleMove": "reads a button value; builds nothing",
  "ids:encodeAlert": "a button value, handed back verbatim",
  "ids:decodeAlert": "reads a button value; builds nothing",
  "support-alert:metricInWords":
    "an SLA metric name in words, escaped by the alert that shows it (tested above)",
  "support-alert:breachTimeIn": "formats an instant the desk gave as a date",
};

describe("text that reaches Slack", () => {
  it("has a case here for every view builder in src/messages and src/slack/views", async () => {
    const builders: string[] = [];
    for (const place of ["../../src/messages", "../../src/slack/views"]) {
      const folder = join(import.meta.dirname, place);
      for (const file of readdirSync(folder).filter((name) => name.endsWith(".ts"))) {
        const module = (await import(join(folder, file))) as Record<string, unknown>;
        for (const [name, value] of Object.entries(module)) {
          if (typeof value === "function") builders.push(`${file.replace(/\.ts$/, "")}:${name}`);
        }
      }
    }
    const covered = new Set([...Object.keys(CASES), ...Object.keys(NOT_BUILDERS)]);
    expect(builders.filter((name) => !covered.has(name))).toEqual([]);
  });

  for (const [name, { build, shows }] of Object.entries(CASES)) {
    it(`${name}: no mention, broadcast or link of theirs survives anywhere in the payload`, () => {
      const payload = build();
      expect(leaks(payload)).toEqual([]);
      if (shows) expect(JSON.stringify(payload)).toContain("&lt;!");
    });
  }

  it("escapes a Give Back title in the fallback text that becomes the channel notification", () => {
    const post = giveBackViews.giveBackPost(project, AUTHOR);
    expect(post.text).toBe(`Give Back: ${EVIL_ESCAPED}`);
    expect(JSON.stringify(post.blocks)).toContain(`"text":"Give Back: ${EVIL_ESCAPED}"`); // the header
    expect(JSON.stringify(post.blocks)).toContain("*<@UAUTHOR>* shared a Give Back project");
    expect(tripViews.tripNotesPost(notes, AUTHOR).text).toBe(`Trip notes: ${EVIL_ESCAPED}`);
    expect(giveBackViews.checkInMessage(project, "2026-03").text).toBe(
      `Did you use ${EVIL_ESCAPED} this month?`,
    );
  });

  it("leaves out an Open in Salesforce link whose CRM link Slack would refuse", () => {
    // The link is a button, or an option of the overflow menu beside the fix.
    const urls = digest.records.map((record) => {
      for (const element of digestBlocks.recordActions(record, "Salesforce").elements) {
        if (element.type === "button" && element.url) return element.url;
        if (element.type === "overflow") {
          const link = element.options.find((option) => option.url);
          if (link) return link.url;
        }
      }
      return undefined;
    });
    expect(urls).toContain("https://crm.example.com/%3C!channel%3E%7Cx");
    expect(urls.filter((url) => url === undefined).length).toBeGreaterThan(0); // 006B's "url" is not one
  });
});

describe("the escaping module", () => {
  it("escapes mrkdwn and plain text alike, and cuts without leaving half an entity", () => {
    expect(escapeMrkdwn(EVIL)).toBe(EVIL_ESCAPED);
    expect(plainText(EVIL)).toEqual({ type: "plain_text", text: EVIL_ESCAPED });
    expect(plainText("a & b", 4).text).toBe("a …");
    expect(plainText("<<<<", 6).text).toBe("&lt;…");
  });

  it("links only to web addresses, and mentions only Slack ids", () => {
    expect(mrkdwnLink("https://docs.example.com/a b|c", "x <y>")).toBe(
      "<https://docs.example.com/a%20b%7Cc|x &lt;y&gt;>",
    );
    expect(mrkdwnLink("!channel", "open")).toBe("open");
    expect(mrkdwnLink("@U1", "<@U1>")).toBe("&lt;@U1&gt;");
    expect(linkUrl("javascript:alert(1)")).toBeNull();
    expect(mention("U012ABC")).toBe("<@U012ABC>");
    expect(mention("!channel")).toBe("!channel");
    expect(mention("U1> <!channel")).toBe("U1&gt; &lt;!channel");
  });
});
