// Slash commands that quote back what was typed: however long it was, every reply fits Slack's
// section limit (3,000 characters), still names what was not understood and still says what works.
import { afterEach, describe, expect, it } from "vitest";
import { eventually, type Harness, startHarness } from "../helpers/bot-harness.ts";
import { memorySource, quietTeam } from "../helpers/memory-source.ts";

let harness: Harness | null = null;
afterEach(async () => {
  await harness?.stop();
  harness = null;
});

interface Reply {
  text?: string;
  blocks?: { type: string; text?: { text: string } }[];
}

/** 2,910 characters that grow fivefold once escaped for mrkdwn. */
const LONG = `${"x<&>".repeat(727)}yy`;

function sectionsOf(reply: Reply): string[] {
  return (reply.blocks ?? [])
    .filter((block) => block.type === "section")
    .map((block) => block.text?.text ?? "");
}

function expectFits(reply: Reply): void {
  expect(sectionsOf(reply).length).toBeGreaterThan(0);
  for (const text of sectionsOf(reply)) expect(text.length).toBeLessThanOrEqual(3000);
  expect(String(reply.text).length).toBeLessThanOrEqual(3000);
}

async function start(): Promise<Harness> {
  harness = await startHarness({ now: "2026-03-10T14:00:00Z", source: memorySource(quietTeam()) });
  return harness;
}

/** `/nudge <text>` answered after the ack, through the response URL. */
async function later(h: Harness, text: string): Promise<Reply> {
  const before = h.slack.callsOf("respond").length;
  expect((await h.command("UAVA", text)).status).toBe(200);
  await eventually(() => h.slack.callsOf("respond").length > before);
  return h.slack.callsOf("respond").at(-1)?.params as Reply;
}

describe("long slash-command text", () => {
  it("/nudge <unknown word> quotes the start of it and still lists the commands", async () => {
    const h = await start();
    const reply = (await (await h.command("UAVA", LONG)).json()) as Reply;
    expectFits(reply);
    const [section] = sectionsOf(reply);
    expect(section).toContain("I don't know `x&lt;&amp;&gt;x&lt;&amp;&gt;");
    expect(section).toContain("…`. Here is what I can do:");
    expect(section).toContain("/nudge pause");
    expect(section).not.toContain("<&>");
  });

  it("/nudge pause <one long word>, <many words> and <@someone unknown> all fit and keep the usage", async () => {
    const h = await start();
    const words = Array.from({ length: 1_400 }, (_, index) => `w${index}`).join(" ");
    for (const text of [`pause ${LONG}`, `pause ${words}`, `pause @${LONG}`, `pause <@UKEN> ${LONG}`]) {
      const reply = await later(h, text);
      expectFits(reply);
      const [section] = sectionsOf(reply);
      expect(section, text.slice(0, 20)).toMatch(/^I (didn't understand `|can't tell who @)[x<w]/);
      expect(section, text.slice(0, 20)).toMatch(/`\/nudge resume` ends it\.$|or give their email\.$/);
      expect(section).not.toContain("<&>");
    }
    expect(await h.bot.store.listPauses("2026-03-10")).toEqual([]);
  });

  it("/nudge resume <@someone unknown> fits", async () => {
    const h = await start();
    const reply = await later(h, `resume @${LONG}`);
    expectFits(reply);
    expect(sectionsOf(reply)[0]).toMatch(/^I can't tell who @x&lt;&amp;&gt;.*… {1,2}is: pick them/);
  });
});
