// The bot with a help desk: a team where Lena (London) and Dara (Dublin) triage and Nia (New York)
// owns "Nia & Co", Olga is the admin; all of them in the fake Slack.
import type { Snapshot } from "../../src/domain/model.ts";
import { type Harness, type HarnessOptions, startHarness } from "./bot-harness.ts";
import { account, opportunity, rep } from "./builders.ts";
import { FakeSlack } from "./fake-slack.ts";
import type { FakeSupportDesk } from "./fake-support-desk.ts";
import { memorySource } from "./memory-source.ts";

/** Triage: Lena in London and Dara in Dublin (SMB). Nia in New York owns "Nia & Co". */
export const SUPPORT_TEAM: Snapshot = {
  reps: [
    rep({ email: "ops@example.com", name: "Olga Ops", role: "admin", managerEmail: null }),
    rep({ email: "lena@example.com", name: "Lena London", timezone: "Europe/London", country: "GB" }),
    rep({ email: "dara@example.com", name: "Dara Dublin", timezone: "Europe/Dublin", country: "IE" }),
    rep({ email: "nia@example.com", name: "Nia NewYork", country: "US", segment: "MM" }),
  ],
  accounts: [account({ id: "001N", name: "Nia & Co", ownerEmail: "nia@example.com", segment: "MM" })],
  opportunities: [
    opportunity({ id: "006N", accountId: "001N", ownerEmail: "nia@example.com", howHeard: null }),
  ],
};

export function supportSlack(): FakeSlack {
  const slack = new FakeSlack();
  slack.addUser("ops@example.com", "UOPS");
  slack.addUser("lena@example.com", "ULENA");
  slack.addUser("dara@example.com", "UDARA");
  slack.addUser("nia@example.com", "UNIA");
  return slack;
}

export async function supportHarness(
  now: string,
  desk: FakeSupportDesk,
  options: Partial<HarnessOptions> = {},
): Promise<Harness> {
  return startHarness({
    now,
    source: memorySource(SUPPORT_TEAM),
    slack: supportSlack(),
    supportDesk: desk,
    ...options,
  });
}

export const alertsTo = (h: Harness, channel: string) =>
  h.slack
    .callsOf("chat.postMessage")
    .filter(
      (call) => call.params.channel === channel && JSON.stringify(call.params).includes("support_take"),
    );

/** The queue's poll of the running bot. */
export function poll(h: Harness) {
  const support = h.bot.support;
  if (!support) throw new Error("the support queue is off");
  return support.poll();
}
