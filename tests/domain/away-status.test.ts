import { describe, expect, it } from "vitest";
import { DEFAULT_AWAY_EMOJI, DEFAULT_AWAY_TEXT } from "../../src/config/file-schema.ts";
import { awayMatcher } from "../../src/domain/away-status.ts";

const NOW = new Date("2026-03-10T15:00:00Z");
const isAway = awayMatcher({ emoji: DEFAULT_AWAY_EMOJI, text: DEFAULT_AWAY_TEXT });
const status = (emoji: string, text: string, expiration = 0) => ({ emoji, text, expiration });

describe("a Slack status that says away", () => {
  it.each([
    [":palm_tree:", "", true],
    [":airplane:", "Flying to Denver", true],
    [":face_with_thermometer:", "", true],
    [":baby::skin-tone-3:", "", true],
    [":spiral_calendar_pad:", "In a meeting", false],
    ["", "OOO until Monday", true],
    ["", "Out of office", true],
    ["", "on PTO", true],
    ["", "Public Holiday", true],
    ["", "sick today", true],
    ["", "So cooool", false],
    ["", "Sickle cell fundraiser", false],
    ["", "", false],
  ])("%s %s → away: %s", (emoji, text, away) => {
    expect(isAway(status(emoji, text), NOW)).toBe(away);
  });

  it("an expired status is not away; one expiring later still is", () => {
    const seconds = NOW.getTime() / 1000;
    expect(isAway(status(":palm_tree:", "Vacation", seconds - 60), NOW)).toBe(false);
    expect(isAway(status(":palm_tree:", "Vacation", seconds + 3600), NOW)).toBe(true);
  });

  it("calendar.awayStatus replaces the lists", () => {
    const custom = awayMatcher({ emoji: [":beach_with_umbrella:"], text: ["congés"] });
    expect(custom(status(":beach_with_umbrella:", ""), NOW)).toBe(true);
    expect(custom(status("", "En congés"), NOW)).toBe(true);
    expect(custom(status(":palm_tree:", "Vacation"), NOW)).toBe(false);
  });
});
