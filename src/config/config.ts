// The typed configuration the composition root hands to everything else.
import type { RuleSettings } from "../domain/settings.ts";
import type { SupportSettings } from "../domain/support-settings.ts";
import type { NoisyRules } from "../domain/weekly-rules.ts";
import type { CrmSettings, CsvSettings } from "../sources/registry.ts";
import type { DatabaseSetting, DataSourceSetting } from "./env-schema.ts";

export interface DigestSchedule {
  /** Minutes after local midnight. */
  windowStart: number;
  windowEnd: number;
  /** 0 = Sunday … 6 = Saturday. */
  workingDays: number[];
  managerDay: number;
  managerTime: number;
  /** Records that lead a digest (`digest.focus`, 1–10); every other finding is counted by rule. */
  focus: number;
  /** The retired `digest.maxRecords`, when a config still sets it: ignored, shown by check-config. */
  maxRecords?: number | undefined;
}

/** Each CRM's settings sit under its name (`salesforce`), as its module reads them. */
export interface Config extends CrmSettings {
  slack: {
    botToken: string | undefined;
    signingSecret: string | undefined;
    appToken: string | undefined;
    apiUrl: string;
  };
  port: number;
  /**
   * The admin console's Sign in with Slack, or null when SLACK_CLIENT_ID and SLACK_CLIENT_SECRET
   * are not set (every /admin path then answers 404). `publicUrl` is CONSOLE_URL's origin;
   * `sessionSecret` (CONSOLE_SESSION_SECRET) is what the console's cookie keys are derived from.
   */
  console: { clientId: string; clientSecret: string; publicUrl: string; sessionSecret: string } | null;
  /** /metrics: on its own port when `port` is set, behind a bearer token when `token` is set. */
  metrics: { port: number | null; token: string | undefined };
  dataSource: DataSourceSetting;
  database: DatabaseSetting;
  /** The YAML file read, or null when the default path does not exist and defaults apply. */
  configFile: string | null;
  /** A fixed "now" for demos, tests and replays; null means the real clock. */
  fixedNow: Date | null;
  logLevel: string;
  defaultTimezone: string;
  digest: DigestSchedule;
  rules: RuleSettings;
  /**
   * Proof by holdout (`holdoutPercent`, 0 = off; `holdoutWorkingDays`, ≥ 1), and how many working
   * days after its first nudge an open finding is listed for the manager. `noisyRules: weekly` moves
   * the rules the report flags noisy to the weekly cleanup.
   */
  effectiveness: {
    holdoutPercent: number;
    holdoutWorkingDays: number;
    escalateAfterWorkingDays: number;
    noisyRules: NoisyRules;
  };
  admins: string[];
  channel: { name: string; id: string | null };
  roi: { returnMultiple: number; eventCloseRate: number };
  giveBack: { adoptionGoal: number; checkInDay: number; newHireDays: number };
  replicas: { outboxLeaseSeconds: number; jobLeaseSeconds: number };
  outbox: { retentionDays: number };
  csv: CsvSettings;
  /** CSV sources: the value of one unit of each currency in `rules.currency`. */
  currencies: Record<string, number>;
  calendar: {
    holidays: boolean;
    daysOff: string[];
    /** What in a Slack status means away: emoji codes and text fragments, matched case-insensitively. */
    awayStatus: { emoji: string[]; text: string[] };
  };
  /** CRM email (lower case) → Slack user id or Slack email. */
  slackUsers: Record<string, string>;
  /** The support queue's settings (defaults when the file has no `support:`). */
  support: SupportSettings;
  /** ZENDESK_URL, ZENDESK_EMAIL and ZENDESK_API_TOKEN, or null when any is missing: the queue is off. */
  zendesk: { url: string; email: string; apiToken: string } | null;
}
