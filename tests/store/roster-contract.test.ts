// The reps as the CRM last said, on SQLite always and on PostgreSQL when TEST_DATABASE_URL is set:
// kept whole, replaced whole, and read back as they were (roles and managers included).
import { describe, expect, it } from "vitest";
import type { Rep } from "../../src/domain/model.ts";
import { backends, freshStores } from "../helpers/store-backends.ts";

const rep = (overrides: Partial<Rep>): Rep => ({
  email: "ava@example.com",
  name: "Ava Okafor",
  segment: "SMB",
  timezone: "America/New_York",
  managerEmail: "mia@example.com",
  role: "ae",
  startDate: "2025-01-06",
  ...overrides,
});

describe.each(backends)("the $name store's CRM roster", (backend) => {
  const fresh = freshStores(backend);

  it("has none before the CRM was ever read, then gives back the last one kept, whole", async () => {
    const store = await fresh();
    expect(await store.roster.lastRoster()).toBeNull();
    const first = new Date("2026-03-09T15:00:00.000Z");
    await store.roster.saveRoster({
      reps: [rep({}), rep({ email: "cy@example.com", name: "Cy <Rivera>", managerEmail: null })],
      readAt: first,
    });
    const mia = rep({ email: "Mia@Example.com", name: "Mia Manager", role: "manager", managerEmail: null });
    const second = new Date("2026-03-10T15:00:00.000Z");
    await store.roster.saveRoster({ reps: [rep({ workingDays: [1, 2, 3] }), mia], readAt: second });
    expect(await store.roster.lastRoster()).toEqual({
      reps: [rep({ workingDays: [1, 2, 3] }), mia],
      readAt: second,
    });
  });
});
