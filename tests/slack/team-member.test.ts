// The team check's time budget: before a modal a slow or failing check lets the modal open (the
// submission decides); at a submission a slow check asks to submit again, and a failure is raised.
import { afterEach, describe, expect, it, vi } from "vitest";
import type { Viewer } from "../../src/services/access.ts";
import type { ListenerServices } from "../../src/slack/listeners/services.ts";
import {
  AT_SUBMIT_MS,
  BEFORE_MODAL_MS,
  membership,
  submitterErrors,
} from "../../src/slack/listeners/team-member.ts";
import { TEAM_CHECK_PENDING } from "../../src/slack/views/team-only.ts";

const outsider: Viewer = { userId: "USAM", email: "sam@x.com", rep: null, isAdmin: false, isManager: false };

function services(viewer: () => Promise<{ viewer: Viewer }>): ListenerServices {
  return { nudge: { viewer } } as unknown as ListenerServices;
}
const never = () => new Promise<{ viewer: Viewer }>(() => {});

afterEach(() => {
  vi.useRealTimers();
});

describe("the team check", () => {
  it("answers outsider or member as soon as it knows", async () => {
    expect(
      await membership(
        services(async () => ({ viewer: outsider })),
        "USAM",
      ),
    ).toBe("outsider");
    const admin = { ...outsider, isAdmin: true };
    expect(
      await membership(
        services(async () => ({ viewer: admin })),
        "USAM",
      ),
    ).toBe("member");
  });

  it("gives up after its budget before a modal, and lets a failure open the modal", async () => {
    vi.useFakeTimers();
    const slow = membership(services(never), "USAM", { budgetMs: BEFORE_MODAL_MS, beforeModal: true });
    await vi.advanceTimersByTimeAsync(BEFORE_MODAL_MS);
    expect(await slow).toBe("unknown");
    const failing = services(() => Promise.reject(new Error("CRM down")));
    expect(await membership(failing, "USAM", { budgetMs: BEFORE_MODAL_MS, beforeModal: true })).toBe(
      "unknown",
    );
    await expect(membership(failing, "USAM", { budgetMs: AT_SUBMIT_MS })).rejects.toThrow("CRM down");
  });

  it("asks to submit again when the check at submission runs out of time", async () => {
    vi.useFakeTimers();
    const errors = submitterErrors(services(never), "USAM", "title", "giveBack");
    await vi.advanceTimersByTimeAsync(AT_SUBMIT_MS);
    expect(await errors).toEqual({ title: TEAM_CHECK_PENDING });
  });
});
