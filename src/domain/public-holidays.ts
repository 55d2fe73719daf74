// Public holidays of a country (and region) from date-holidays, a maintained rule set computed in
// memory: no I/O, so the calendar stays pure. Each (place, year) is computed once.
import Holidays from "date-holidays";
import type { IsoDate } from "./model.ts";

/** Days off by law or custom for everyone: not observances (Mother's Day) or optional days. */
const DAY_OFF_TYPES = new Set(["public", "bank"]);

const byPlaceAndYear = new Map<string, ReadonlyMap<IsoDate, string>>();
const known = new Map<string, boolean>();

function split(place: string): { country: string; region: string | undefined } {
  const [country = "", region] = place.toUpperCase().split("-");
  return { country, region };
}

/** True for a country code (`US`) or country and region (`US-CA`) the holiday rules know. */
export function isKnownPlace(place: string): boolean {
  const key = place.toUpperCase();
  let answer = known.get(key);
  if (answer === undefined) {
    const { country, region } = split(key);
    const countries = new Holidays().getCountries() ?? {};
    answer =
      /^[A-Z]{2}$/.test(country) &&
      country in countries &&
      (region === undefined || region in (new Holidays().getStates(country) ?? {}));
    known.set(key, answer);
  }
  return answer;
}

/** The public holidays of `place` in `year`, date → name; empty for a place the rules don't know. */
export function publicHolidays(place: string, year: number): ReadonlyMap<IsoDate, string> {
  const key = `${place.toUpperCase()}:${year}`;
  let holidays = byPlaceAndYear.get(key);
  if (!holidays) {
    const found = new Map<IsoDate, string>();
    if (isKnownPlace(place)) {
      const { country, region } = split(place);
      const rules = region ? new Holidays(country, region) : new Holidays(country);
      for (const holiday of rules.getHolidays(year) || []) {
        // A holiday's `date` is local wall-clock time ("2026-11-26 00:00:00"): its first 10
        // characters are the local date, whatever the rep's timezone.
        if (DAY_OFF_TYPES.has(holiday.type)) found.set(holiday.date.slice(0, 10), holiday.name);
      }
    }
    holidays = found;
    byPlaceAndYear.set(key, holidays);
  }
  return holidays;
}

/** Reads a country cell (`us`, `US-CA`): the code in upper case, or a message for the reader. */
export function parseCountry(text: string): { country: string } | { error: string } {
  const country = text.trim().toUpperCase();
  if (!/^[A-Z]{2}(-[A-Z0-9]{1,3})?$/.test(country) || !isKnownPlace(country)) {
    return {
      error: `"${text.trim()}" is not a country code with public holidays (expected e.g. US, GB, JP or US-CA)`,
    };
  }
  return { country };
}
