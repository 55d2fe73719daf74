// Signed values: what comes back must be what was signed, for the same purpose, and not expired.
import { describe, expect, it } from "vitest";
import { safeReturnPath } from "../../src/web/sign-in-state.ts";
import { openValue, SigningKeys, signValue } from "../../src/web/signed-value.ts";

const NOW = new Date("2026-03-10T15:00:00Z");
const LATER = new Date(NOW.getTime() + 60_000);

describe("signed values", () => {
  const keys = new SigningKeys("one secret");

  it("opens what it signed until it expires", () => {
    const value = signValue(keys, "session", { userId: "UOPS" }, LATER);
    expect(openValue(keys, "session", value, NOW)).toEqual({ userId: "UOPS" });
    expect(openValue(keys, "session", value, LATER)).toBeNull();
  });

  it("refuses a value signed for another purpose, under another secret, or changed", () => {
    const value = signValue(keys, "sign-in", { userId: "UOPS" }, LATER);
    expect(openValue(keys, "session", value, NOW)).toBeNull();
    expect(openValue(new SigningKeys("another secret"), "sign-in", value, NOW)).toBeNull();
    const [payload, mac] = value.split(".");
    const longer = Buffer.from(
      JSON.stringify({ exp: LATER.getTime() + 1e9, data: { userId: "UOPS" } }),
    ).toString("base64url");
    expect(openValue(keys, "sign-in", `${longer}.${mac}`, NOW)).toBeNull();
    for (const broken of ["", ".", `${payload}.`, `${payload}`, `${payload}.${mac}x`, "not base64.mac"])
      expect(openValue(keys, "sign-in", broken, NOW), broken).toBeNull();
  });
});

describe("the page to go back to after sign-in", () => {
  it("keeps console paths and their query, and sends anything else to /admin", () => {
    expect(safeReturnPath("/admin/team?since=2026-02-01")).toBe("/admin/team?since=2026-02-01");
    expect(safeReturnPath("/admin")).toBe("/admin");
    for (const elsewhere of [
      null,
      "",
      "https://evil.example/admin",
      "//evil.example/admin",
      "/admin//evil.example",
      "/administrator",
      "/admin/../slack/events",
      "/admin/..",
      "/admin\\\\evil",
      "/slack/events",
    ])
      expect(safeReturnPath(elsewhere), String(elsewhere)).toBe("/admin");
  });
});
