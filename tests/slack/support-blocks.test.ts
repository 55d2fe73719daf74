import { describe, expect, it } from "vitest";
import type { SupportLine } from "../../src/domain/forwarded-tickets.ts";
import { fromSupportBlocks } from "../../src/messages/support-blocks.ts";

const line = (id: number): SupportLine => ({
  ticketId: id,
  subject: `Please credit the invoice for the seats we never used ${"x".repeat(300)}`,
  tag: "credit",
  url: `https://acme.zendesk.com/agent/tickets/${id}`,
});

const texts = (blocks: ReturnType<typeof fromSupportBlocks>) =>
  blocks.map((block) => (block.type === "section" ? (block.text?.text ?? "") : ""));

describe("From Support in a digest", () => {
  it("shows nothing without forwarded tickets", () => {
    expect(fromSupportBlocks([])).toEqual([]);
  });

  it("keeps each section within Slack's 3,000 characters, cuts long subjects, and counts what did not fit", () => {
    const sections = texts(fromSupportBlocks(Array.from({ length: 80 }, (_, i) => line(5000 + i))));
    expect(sections[0]?.startsWith("*From Support*")).toBe(true);
    for (const text of sections) expect(text.length).toBeLessThanOrEqual(3000);
    expect(sections.length).toBeLessThanOrEqual(4);
    const all = sections.join("\n");
    expect(all).toContain("<https://acme.zendesk.com/agent/tickets/5000|#5000>");
    expect(all).toContain("…");
    const shown = (all.match(/\|#5\d{3}>/g) ?? []).length;
    expect(all).toContain(`…and ${80 - shown} more`);
  });
});
