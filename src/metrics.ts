// Prometheus metrics (prom-client), one registry per app: what an operator graphs and alerts on.
import { Counter, Gauge, Histogram, Registry } from "prom-client";
import type { RuleId } from "./domain/findings.ts";
import type { Store } from "./store/store.ts";

export interface Metrics {
  registry: Registry;
  /** Registers the outbox gauges, read from the store at each scrape. */
  watchOutbox(store: Store, clock: () => Date): void;
  messageSent(kind: string): void;
  slackFailure(kind: "rate-limited" | "transient" | "permanent"): void;
  crmFailure(code: string): void;
  scanFinished(seconds: number, findingsByRule: Map<RuleId, number>): void;
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
  const watchOutbox = (store: Store, clock: () => Date) => {
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
  return {
    registry,
    watchOutbox,
    messageSent: (kind) => sent.inc({ kind }),
    slackFailure: (kind) => slackErrors.inc({ kind }),
    crmFailure: (code) => crmErrors.inc({ code }),
    scanFinished: (seconds, byRule) => {
      scanDuration.observe(seconds);
      for (const [rule, count] of byRule) findings.set({ rule }, count);
    },
  };
}
