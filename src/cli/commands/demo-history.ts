// `nudgebot demo --history`: four weeks of daily scans on the bundled sample, with a seeded model
// of reps fixing part of what their digests listed (some rules quickly, activity-missing mostly
// ignored), and the team's trips and Give Back projects over the same weeks (demo-rituals.ts), then the
// effectiveness report. Deterministic: the same seeds, dates and data each run.
import { rmSync } from "node:fs";
import type { App } from "../../app.ts";
import { monthOf } from "../../domain/adoption.ts";
import type { CalendarSettings } from "../../domain/calendar.ts";
import { addDays, localDate } from "../../domain/dates.ts";
import { snoozeKey } from "../../domain/digest.ts";
import { planFor } from "../../domain/digest-plan.ts";
import { defaultSince, periodUntilNow } from "../../domain/effectiveness.ts";
import { findingKey } from "../../domain/episodes.ts";
import { evaluatePipeline, type PipelineEvaluation } from "../../domain/evaluate.ts";
import type { RuleId } from "../../domain/findings.ts";
import { isHeldOut } from "../../domain/holdout.ts";
import { heldOutToday } from "../../domain/holdout-window.ts";
import { digestPayload } from "../../services/digest-payload.ts";
import { effectivenessReport, reportJson } from "../../services/effectiveness-report.ts";
import { HistoryService } from "../../services/history.ts";
import { digestKey } from "../../services/outbox-keys.ts";
import { workingDayCounter } from "../../services/report-working-days.ts";
import { type StuckDeps, stuckOf } from "../../services/stuck-findings.ts";
import { membersOf, teamScorecard } from "../../services/team-scorecards.ts";
import { SAMPLE_NOW, sampleSource } from "../../sources/sample/sample-source.ts";
import type { OutboxStore } from "../../store/store.ts";
import { effectivenessTable, noisyAdvice, weeklyScoreLine } from "../../views/effectiveness-table.ts";
import { holdoutTable, provenLines } from "../../views/holdout-table.ts";
import { managerDigestText } from "../../views/manager-digest-text.ts";
import type { Output } from "../output.ts";
import { DEMO_DATABASE } from "./demo.ts";
import { afterWorkingDays, BEHAVIOUR, disputedDeal, fix, isWeekend, seeded } from "./demo-history-reps.ts";
import { ritualsDemo } from "./demo-rituals.ts";
import { weeklyDemo } from "./demo-weekly.ts";

const DAYS = 28;
/** The configuration that reports on the demo's history with the demo's holdout. */
const DEMO_CONFIG = "config/demo-history.yml";
const DAY_MS = 86_400_000;

/** The demo's proof by holdout, whatever the configuration says: config/demo-history.yml's. */
export const DEMO_HOLDOUT = { percent: 30, workingDays: 3 };
const SNOOZE_CHANCE = 0.08;

/** Sends what the outbox holds, as a stand-in Slack would accept it; counts the digests among it. */
async function deliverAll(
  store: Pick<OutboxStore, "leaseDueMessages" | "markSent">,
  now: Date,
): Promise<number> {
  let sent = 0;
  for (;;) {
    const batch = await store.leaseDueMessages("demo", now, 60_000, 100);
    if (batch.length === 0) return sent;
    for (const message of batch) {
      await store.markSent(
        message.key,
        "demo",
        { channel: message.channel, ts: `${now.getTime() / 1000}` },
        now,
      );
      if (message.kind === "digest") sent += 1;
    }
  }
}

export async function demoHistory(app: App, output: Output, flags: { json: boolean }): Promise<number> {
  const end = app.config.fixedNow ?? SAMPLE_NOW;
  for (const suffix of ["", "-wal", "-shm"]) rmSync(`${DEMO_DATABASE}${suffix}`, { force: true });
  const store = await app.openStore({ kind: "sqlite", file: DEMO_DATABASE });
  const say = (text: string) => (flags.json ? output.err(text) : output.out(text));
  try {
    const data = structuredClone((await sampleSource().load()).snapshot);
    // As the bot counts: each rep's own calendar where the sample gives one, else the team's.
    const workingDays = workingDayCounter(app.config, () => data.reps);
    const calendar = {
      workingDays: app.config.digest.workingDays,
      holidays: app.config.calendar.holidays,
      daysOff: app.config.calendar.daysOff,
    };
    const history = new HistoryService({
      store,
      logger: app.logger,
      defaultTimezone: app.config.defaultTimezone,
      workingDays,
      holdout: DEMO_HOLDOUT,
    });
    // The bot's weekly cleanup: activity-missing leaves the daily digests once flagged noisy.
    const weekly = weeklyDemo({ app, store, workingDays, calendar });
    const random = seeded(20260310);
    /** Fixes the reps will make: finding key → the date they make it. */
    const planned = new Map<string, { rule: RuleId; recordId: string; on: string }>();
    let digests = 0;
    let last: PipelineEvaluation | null = null;
    /**
     * The first duplicate a rep is nudged about, and would fix: they hold it is no duplicate and
     * leave it and the records it names open, so it reaches their manager as stuck. Chosen after
     * the draws, so the seeded month is otherwise the same.
     */
    let disputed: Set<string> | null = null;
    const start = localDate(new Date(end.getTime() - (DAYS - 1) * DAY_MS), "UTC");
    // Its own seed, so the rituals never change what the reps fix.
    const rituals = ritualsDemo({ app, store, reps: data.reps, random: seeded(20260311), start });
    say(
      `nudgebot demo --history: ${DAYS} days of daily scans on the sample team (${data.reps.length} reps), ` +
        `ending ${end.toISOString()}`,
    );
    for (let day = DAYS - 1; day >= 0; day--) {
      const now = new Date(end.getTime() - day * DAY_MS);
      const date = localDate(now, "UTC");
      output.progress(`Day ${DAYS - day} of ${DAYS}: ${date}…`);
      await rituals.playDay(DAYS - 1 - day, date, now);
      for (const [key, plan] of planned) {
        if (plan.on > date) continue;
        fix(data, plan.rule, plan.recordId, date);
        planned.delete(key);
      }
      const evaluation = evaluatePipeline(data, {
        now,
        settings: app.config.rules,
        defaultTimezone: app.config.defaultTimezone,
      });
      last = evaluation;
      if (!isWeekend(date)) {
        const open = await history.openNow();
        const openedOn = (rule: RuleId, recordId: string) => open?.get(rule, recordId)?.openedOn;
        const armOf = (rule: RuleId, recordId: string) => open?.get(rule, recordId)?.holdoutArm;
        const split = await weekly.splitter(evaluation, now);
        for (const owner of evaluation.owners.values()) {
          if (!owner.rep || owner.findingCount === 0) continue;
          const snoozes = await store.activeSnoozes(owner.owner, owner.today);
          const held = heldOutToday(owner, openedOn, DEMO_HOLDOUT, calendar, armOf);
          const { digest, weekly: cleanup } = split(owner, new Set([...snoozes.map(snoozeKey), ...held]));
          if (digest.findingCount === 0 && !cleanup) continue;
          const plan = { ...planFor(digest, app.config.digest.focus, app.config.rules), weekly: cleanup };
          weekly.sent(plan);
          await store.claimDigest(
            { rep: owner.owner, localDate: owner.today, findingCount: digest.findingCount, claimedAt: now },
            {
              key: digestKey(owner.owner, owner.today),
              kind: "digest",
              channel: owner.owner,
              payload: digestPayload(plan, null),
            },
          );
        }
        digests += await deliverAll(store, now);
      }
      const changes = await history.record({ snapshot: data, evaluation, readAt: now }, now);
      const nudged = [
        ...changes.nudged.map((n) => ({ ...n, owner: "" })),
        ...changes.opened
          .filter((e) => e.nudgedOn !== null)
          .map((e) => ({ ...e, nudgedOn: e.nudgedOn as string })),
      ];
      // Held-out findings: some fixed with no nudge at all, as often as `alone` says.
      for (const episode of changes.opened) {
        if (episode.nudgedOn !== null || !isHeldOut(episode, DEMO_HOLDOUT.percent)) continue;
        const behaviour = BEHAVIOUR[episode.rule];
        if (random() >= behaviour.alone) continue;
        const [low, high] = behaviour.days;
        planned.set(findingKey(episode), {
          rule: episode.rule,
          recordId: episode.recordId,
          on: afterWorkingDays(episode.openedOn, low + Math.floor(random() * (high - low + 1))),
        });
      }
      for (const finding of nudged) {
        const behaviour = BEHAVIOUR[finding.rule];
        if (random() < SNOOZE_CHANCE) {
          const owner = [...evaluation.owners.values()].find((o) =>
            o.records.some((r) =>
              r.findings.some((f) => f.rule === finding.rule && f.recordId === finding.recordId),
            ),
          );
          if (owner) {
            await store.snooze({
              rep: owner.owner,
              rule: finding.rule,
              recordId: finding.recordId,
              until: addDays(date, 3),
            });
            await history.snoozed([finding], finding.nudgedOn);
          }
        }
        if (random() >= behaviour.fix || planned.has(findingKey(finding))) continue;
        const [low, high] = behaviour.days;
        const delay = low + Math.floor(random() * (high - low + 1));
        if (finding.rule === "possible-duplicate") {
          if (disputed === null) disputed = disputedDeal(evaluation, finding.recordId);
          if (disputed.has(finding.recordId)) continue;
        }
        planned.set(findingKey(finding), {
          rule: finding.rule,
          recordId: finding.recordId,
          on: afterWorkingDays(finding.nudgedOn, delay),
        });
      }
    }
    output.done();
    const today = localDate(end, app.config.defaultTimezone);
    const report = await effectivenessReport(store, {
      period: periodUntilNow(defaultSince(today), end),
      workingDays,
      holdout: DEMO_HOLDOUT,
    });
    if (flags.json) {
      for (const row of report.rules)
        output.out(JSON.stringify(reportJson(row, report.holdout?.verdicts.get(row.rule) ?? null)));
    } else {
      say(`${digests} digests delivered (simulated), history recorded in ${DEMO_DATABASE}`);
      say(`${await rituals.summary([...new Set([monthOf(start), monthOf(today)])])}\n`);
      say(`Nudge effectiveness from ${report.period.since} until now (${today})\n`);
      say(effectivenessTable(report));
      const advice = noisyAdvice(report);
      say(advice.length > 0 ? `\n${advice.join("\n")}` : "\nNo noisy rule.");
      say(`\n${weeklyScoreLine(report)}`);
      if (report.holdout) {
        say(`\n${holdoutTable(report.holdout)}`);
        const proven = provenLines(report.holdout);
        if (proven.length > 0) say(`\n${proven.join("\n")}`);
      }
      if (last) say(`\n${await weekly.summary(last, end)}`);
      if (last) say(`\n${await managerDigests(last, { app, store, calendar })}`);
      say(
        `\nThe same report from the recorded history: DATABASE_URL=sqlite:${DEMO_DATABASE} NUDGEBOT_CONFIG=${DEMO_CONFIG} npx nudgebot report`,
      );
    }
    return 0;
  } finally {
    await store.close();
  }
}

/**
 * Each manager's weekly digest on the demo's last day, as text: the team's scorecard and the
 * findings still open long after their first nudge.
 */
async function managerDigests(
  evaluation: PipelineEvaluation,
  deps: {
    app: App;
    store: StuckDeps["pauses"] & { history: StuckDeps["history"] };
    calendar: CalendarSettings;
  },
): Promise<string> {
  const after = deps.app.config.effectiveness.escalateAfterWorkingDays;
  const managers = [...evaluation.owners.values()].flatMap((owner) =>
    owner.rep?.role === "manager" ? [owner.rep] : [],
  );
  const texts = [];
  for (const manager of managers) {
    const members = membersOf(manager, evaluation);
    const team = teamScorecard(
      `Weekly digest for ${manager.name} (manager): the team's Required 7 as of ${members[0]?.today ?? ""}`,
      manager,
      members,
    );
    const stuck = await stuckOf(
      { history: deps.store.history, pauses: deps.store, settings: deps.calendar, after },
      members,
    );
    texts.push(managerDigestText(team, stuck, after));
  }
  return texts.join("\n\n");
}
