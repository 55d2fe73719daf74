// The period a page covers, from `?days=`: one of a few fixed lengths; anything else falls back to the
// default with a note, so a hand-edited link never breaks the page.
import { html, type SafeHtml } from "../html.ts";

export const PERIOD_CHOICES = [28, 56, 90] as const;
export const DEFAULT_DAYS = 28;

export interface PeriodChoice {
  days: number;
  /** What to tell the viewer when their `days` was not one of the choices; null when it was fine. */
  note: string | null;
}

export function periodFrom(query: URLSearchParams): PeriodChoice {
  const given = query.get("days");
  if (given === null || given === "") return { days: DEFAULT_DAYS, note: null };
  const days = Number(given);
  if ((PERIOD_CHOICES as readonly number[]).includes(days)) return { days, note: null };
  return {
    days: DEFAULT_DAYS,
    note: `"${given.slice(0, 40)}" is not a period this page offers (${PERIOD_CHOICES.join(", ")} days): showing the last ${DEFAULT_DAYS} days.`,
  };
}

/**
 * Links to each period, the current one marked for the eye and for screen readers. Query-only
 * links keep whatever path the page is served at.
 */
export function periodLinks(current: number): SafeHtml {
  return html`<nav class="periods" aria-label="Period">${PERIOD_CHOICES.map((days) =>
    days === current
      ? html`<a href="?days=${days}" aria-current="true">${days} days</a>`
      : html`<a href="?days=${days}">${days} days</a>`,
  )}</nav>`;
}
