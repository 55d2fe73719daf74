// The support queue's settings as an admin reads them in check-config: whether it is on, which
// groups, Support's own hours, who triages off-hours, how early and how often, which tags count.
import type { Config } from "./config.ts";
import { WEEKDAY_NAMES } from "./file-schema.ts";

const clock = (minutes: number) =>
  `${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;

/** `Mon-Fri` for a run of days, else the days listed. */
function dayNames(days: readonly number[]): string {
  const sorted = [...days].sort((a, b) => a - b);
  const first = sorted[0];
  const last = sorted.at(-1);
  const consecutive = sorted.every((day, index) => index === 0 || day === (sorted[index - 1] ?? -2) + 1);
  if (first !== undefined && last !== undefined && sorted.length > 2 && consecutive) {
    return `${WEEKDAY_NAMES[first]}-${WEEKDAY_NAMES[last]}`;
  }
  return sorted.map((day) => WEEKDAY_NAMES[day]).join(", ");
}

/** ZENDESK_URL as printed: any `user:password@` in it is masked, so check-config never shows a secret. */
export function zendeskUrlForDisplay(url: string): string {
  return url.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/?#]*@/i, "$1***@");
}

export function describeSupport(config: Pick<Config, "support" | "zendesk">): Record<string, unknown> {
  const { support, zendesk } = config;
  const { hours, triage } = support;
  return {
    queue: zendesk
      ? `on, Zendesk at ${zendeskUrlForDisplay(zendesk.url)}`
      : "off (set ZENDESK_URL, ZENDESK_EMAIL and ZENDESK_API_TOKEN to turn it on)",
    groups: support.groups,
    hours: `${dayNames(hours.days)} ${clock(hours.start)}–${clock(hours.end)} ${hours.timezone} (Support's own hours)`,
    triage:
      "segment" in triage
        ? `every ${triage.segment} rep, for breaches outside Support's hours`
        : triage.emails,
    leadMinutes: `alerts go out ${support.leadMinutes} minutes before a breach`,
    pollMinutes: `the queue is read every ${support.pollMinutes} minutes while a triaging rep is working`,
    forwardTags: support.forwardTags,
    approvalTags: support.approvalTags,
  };
}
