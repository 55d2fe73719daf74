// The team check inside Slack's 3 seconds: it answers from the last pipeline read, never waits for
// the CRM before a modal, and gives up after its budget (the modal opens; a submission is asked to
// come again) instead of letting Slack time out.
import { afterEach, describe, expect, it, vi } from "vitest";
import type { Rep } from "../../src/domain/model.ts";
import type { ListenerServices } from "../../src/slack/listeners/services.ts";
import {
  AT_SUBMIT_MS,
  BEFORE_MODAL_MS,
  membership,
  submitterErrors,
} from "../../src/slack/listeners/team-member.ts";
import { TEAM_CHECK_PENDING } from "../../src/slack/views/team-only.ts";
import { rep } from "../helpers/builders.ts";

interface Fake {
  read: { reps: Rep[] } | null;
  reads: number;
  emailOf: (userId: string) => Promise<string | null>;
}

function services(fake: Fake): ListenerServices {
  return {
    pipeline: {
      lastRead: () => fake.read,
      current: async () => {
        fake.reads += 1;
        fake.read = { reps: [rep()] };
        return { snapshot: fake.read };
      },
    },
    directory: { emailOf: (userId: string) => fake.emailOf(userId) },
    config: { admins: ["UADMIN"] },
  } as unknown as ListenerServices;
}
const emails: Record<string, string> = { UAVA: "ava@example.com", USAM: "sam@contractor.example.com" };
const known = async (userId: string) => emails[userId] ?? null;
const never = () => new Promise<string | null>(() => {});

afterEach(() => {
  vi.useRealTimers();
});

describe("the team check", () => {
  it("knows reps, config admins and outsiders from the last read", async () => {
    const fake: Fake = { read: { reps: [rep()] }, reads: 0, emailOf: known };
    const budget = { budgetMs: AT_SUBMIT_MS };
    expect(await membership(services(fake), "UAVA", budget)).toBe("member");
    expect(await membership(services(fake), "UADMIN", budget)).toBe("member");
    expect(await membership(services(fake), "USAM", budget)).toBe("outsider");
    expect(fake.reads).toBe(0);
  });

  it("before a modal, does not wait for a first read: it starts one and lets the modal open", async () => {
    const fake: Fake = { read: null, reads: 0, emailOf: known };
    const options = { budgetMs: BEFORE_MODAL_MS, beforeModal: true };
    expect(await membership(services(fake), "USAM", options)).toBe("unknown");
    expect(fake.reads).toBe(1);
    expect(await membership(services(fake), "USAM", options)).toBe("outsider");
  });

  it("at a submission, reads first when nothing was read yet", async () => {
    const fake: Fake = { read: null, reads: 0, emailOf: known };
    expect(await submitterErrors(services(fake), "USAM", "title", "giveBack")).toMatchObject({
      title: expect.stringContaining("I can't find your Slack email"),
    });
    expect(await submitterErrors(services(fake), "UAVA", "title", "giveBack")).toBeNull();
  });

  it("gives up after its budget: the modal opens, and a submission is asked to come again", async () => {
    vi.useFakeTimers();
    const fake: Fake = { read: { reps: [rep()] }, reads: 0, emailOf: never };
    const slow = membership(services(fake), "USAM", { budgetMs: BEFORE_MODAL_MS, beforeModal: true });
    await vi.advanceTimersByTimeAsync(BEFORE_MODAL_MS);
    expect(await slow).toBe("unknown");
    const errors = submitterErrors(services(fake), "USAM", "title", "giveBack");
    await vi.advanceTimersByTimeAsync(AT_SUBMIT_MS);
    expect(await errors).toEqual({ title: TEAM_CHECK_PENDING });
  });

  it("lets a failed lookup open the modal, and raises it at a submission", async () => {
    const fake: Fake = {
      read: { reps: [rep()] },
      reads: 0,
      emailOf: () => Promise.reject(new Error("Slack down")),
    };
    expect(await membership(services(fake), "USAM", { budgetMs: BEFORE_MODAL_MS, beforeModal: true })).toBe(
      "unknown",
    );
    await expect(membership(services(fake), "USAM", { budgetMs: AT_SUBMIT_MS })).rejects.toThrow(
      "Slack down",
    );
  });
});
