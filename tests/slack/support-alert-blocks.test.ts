// The breach alert DM as the rep reads it: which SLA in words, the breach time in their own time,
// and nothing Zendesk wrote able to ping or link.
import { describe, expect, it } from "vitest";
import { breachTimeIn, metricInWords, supportAlertMessage } from "../../src/messages/support-alert.ts";

const facts = {
  ticketId: 41,
  subject: "<!channel> refund <https://evil.example|click>",
  organization: "Acme <@U123> & Sons",
  metric: "next_reply_time",
  breachAt: new Date("2026-03-30T16:05:00Z"),
  timezone: "Europe/London",
  url: "https://acme.zendesk.com/agent/tickets/41",
  as: "triage" as const,
  now: new Date("2026-03-30T15:20:00Z"),
};

describe("the breach alert DM", () => {
  it("escapes the subject and organization everywhere they appear", () => {
    const message = supportAlertMessage(facts);
    const text = JSON.stringify(message);
    expect(text).not.toContain("<!channel>");
    expect(text).not.toContain("<@U123>");
    expect(text).not.toContain("<https://evil");
    expect(text).toContain("&lt;!channel&gt; refund");
    expect(text).toContain("Acme &lt;@U123&gt; &amp; Sons");
    expect(message.text).toContain("Ticket #41");
  });

  it("escapes a metric name only Zendesk knows, and keeps a subject written over several lines on one", () => {
    const message = supportAlertMessage({
      ...facts,
      subject: "Refund\n\n*urgent*  please\r\n",
      metric: "<!here>_time",
    });
    // What Slack renders: the section's text and the notification text (the button's value is not shown).
    const section = JSON.stringify(message.blocks[0]);
    expect(section).not.toContain("<!here>");
    expect(section).toContain("*&lt;!here&gt;*");
    expect(message.text).not.toContain("<!here>");
    expect(message.text).toContain("Refund *urgent* please breaches");
    expect(message.text).not.toContain("\n");
  });

  it("names the SLA in words and the breach in the rep's own time, daylight saving included", () => {
    const text = JSON.stringify(supportAlertMessage(facts));
    expect(text).toContain("*next reply*");
    expect(text).toContain("Mon 30 Mar, 17:05 BST");
    expect(text).toContain("in 45 min");
    expect(metricInWords("first_reply_time")).toBe("first reply");
    expect(metricInWords("periodic_update_time")).toBe("periodic update");
    expect(metricInWords("custom_thing_time")).toBe("custom thing");
    expect(breachTimeIn(new Date("2026-03-10T01:00:00Z"), "Australia/Sydney")).toBe(
      "Tue 10 Mar, 12:00 GMT+11",
    );
  });

  it("offers Take it and a link button to the ticket", () => {
    const actions = supportAlertMessage(facts).blocks.find((block) => block.type === "actions") as {
      elements: { action_id: string; url?: string; value?: string }[];
    };
    expect(actions.elements.map((element) => element.action_id)).toEqual(["support_take", "support_open"]);
    expect(actions.elements[0]?.value).toBe("41|next_reply_time");
    expect(actions.elements[1]?.url).toBe("https://acme.zendesk.com/agent/tickets/41");
  });
});
