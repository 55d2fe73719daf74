// Prometheus metrics (prom-client), one registry per app: what an operator graphs and alerts on.
import { Counter, Gauge, Histogram, Registry } from "prom-client";
import type { RuleEffectiveness } from "./domain/effectiveness.ts";
import type { RuleId } from "./domain/findings.ts";
import type { OutboxStore } from "./store/store.ts";

export interface Metrics {
  registry: Registry;
  /** Registers the outbox gauges, read from the store at each scrape. */
  watchOutbox(store: Pick<OutboxStore, "outboxStats">, clock: () => Date): void;
  messageSent(kind: string): void;
  slackFailure(kind: "rate-limited" | "transient" | "permanent"): void;
  crmFailure(code: string): void;
  scanFinished(seconds: number, findingsByRule: Map<RuleId, number>): void;
  /** Registers the per-rule effectiveness gauges (last 28 days), read at each scrape. */
  watchEffectiveness(read: () => Promise<RuleEffectiveness[]>): void;
}

export function createMetrics(): Metrics {
  const registry = new Registry();
  const sent = new Counter({
    name: "nudgebot_messages_sent_total",
    help: "Slack messages delivered, by kind (digest, manager-digest, trip-notes, give-back, reminder, check-in, notice)",
    labelNames: ["kind"],
    registers: [registry],
  });
  const slackErrors = new Counter({
    name: "nudgebot_slack_errors_total",
    help: "Failed Slack sends, by kind: rate-limited (429), transient (retried) or permanent (kept as failed)",
    labelNames: ["kind"],
    registers: [registry],
  });
  const crmErrors = new Counter({
    name: "nudgebot_crm_errors_total",
    help: "Failed CRM requests, by error code",
    labelNames: ["code"],
    registers: [registry],
  });
  const scanDuration = new Histogram({
    name: "nudgebot_scan_duration_seconds",
    help: "Time to read the pipeline from the source and run the rules",
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
    registers: [registry],
  });
  const findings = new Gauge({
    name: "nudgebot_findings",
    help: "Findings in the pipeline at the last scan, by rule",
    labelNames: ["rule"],
    registers: [registry],
  });
  const watchOutbox = (store: Pick<OutboxStore, "outboxStats">, clock: () => Date) => {
    new Gauge({
      name: "nudgebot_outbox_depth",
      help: "Messages waiting to be sent (pending or being sent)",
      registers: [registry],
      async collect() {
        this.set((await store.outboxStats(clock())).depth);
      },
    });
    new Gauge({
      name: "nudgebot_outbox_oldest_age_seconds",
      help: "Age of the oldest message still waiting to be sent",
      registers: [registry],
      async collect() {
        this.set((await store.outboxStats(clock())).oldestAgeSeconds);
      },
    });
    new Gauge({
      name: "nudgebot_outbox_failed",
      help: "Messages Slack refused for good (kept in the outbox as failed)",
      registers: [registry],
      async collect() {
        this.set((await store.outboxStats(clock())).failed);
      },
    });
  };
  const watchEffectiveness = (read: () => Promise<RuleEffectiveness[]>) => {
    new Gauge({
      name: "nudgebot_rule_fix_rate",
      help: "Share of a rule's findings fixed within 3 working days of the first nudge, last 28 days (absent when none was nudged)",
      labelNames: ["rule"],
      registers: [registry],
      async collect() {
        this.reset();
        for (const row of await read()) if (row.fixRate !== null) this.set({ rule: row.rule }, row.fixRate);
      },
    });
    new Gauge({
      name: "nudgebot_rule_nudged",
      help: "Findings of a rule first nudged in the last 28 days",
      labelNames: ["rule"],
      registers: [registry],
      async collect() {
        for (const row of await read()) this.set({ rule: row.rule }, row.nudged);
      },
    });
    new Gauge({
      name: "nudgebot_rule_noisy",
      help: "1 when a rule is noisy: at least 20 nudged in the last 28 days and under 50% fixed within 3 working days",
      labelNames: ["rule"],
      registers: [registry],
      async collect() {
        for (const row of await read()) this.set({ rule: row.rule }, row.noisy ? 1 : 0);
      },
    });
  };
  return {
    registry,
    watchOutbox,
    watchEffectiveness,
    messageSent: (kind) => sent.inc({ kind }),
    slackFailure: (kind) => slackErrors.inc({ kind }),
    crmFailure: (code) => crmErrors.inc({ code }),
    scanFinished: (seconds, byRule) => {
      scanDuration.observe(seconds);
      for (const [rule, count] of byRule) findings.set({ rule }, count);
    },
  };
}
