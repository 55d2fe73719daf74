// The support queue's breach alerts in the report: one line for the CLI and Slack, one JSON object.
import type { SupportAlertTally } from "../store/support-alerts-store.ts";

const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? "" : "s"}`;

export function supportQueueLine(tally: SupportAlertTally): string {
  return `Support queue: ${plural(tally.sent, "breach alert")} sent, ${tally.taken} taken, ${tally.breached} breached anyway.`;
}

/** `nudgebot report --json`'s line for the queue, told apart from the rules' lines by `queue`. */
export function supportQueueJson(tally: SupportAlertTally) {
  return {
    queue: "support",
    alertsSent: tally.sent,
    taken: tally.taken,
    breachedAnyway: tally.breached,
    met: tally.met,
  };
}
