// The one way text reaches Slack. Every string a rep, manager or the CRM wrote goes through one of
// these, chosen by the kind of field it lands in, so nothing they type can ping (<!channel>,
// <@U…>), form a link, or break a payload:
//  - mrkdwn (section and context text, and a message's top-level `text`, which Slack renders as
//    mrkdwn in notifications and in clients without blocks): `escapeMrkdwn`;
//  - plain_text objects (headers, labels, hints, buttons, options, modal titles): `plainText`.
//    Slack does not look for mentions there, but &, < and > are control characters in every text
//    object and Slack decodes their entities for display, so the same three are escaped and the
//    reader sees exactly what was typed;
//  - links and mentions the bot makes itself: `mrkdwnLink` (http and https only) and `mention`;
//  - a button's `url`: `linkUrl`, which drops anything that is not a well-formed web link, so one
//    bad CRM value cannot make Slack refuse a whole digest.
// Input values (`initial_value`), option values, ids and `private_metadata` stay as they are:
// Slack shows them in an editable field or not at all, and hands them back verbatim.

export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** A plain_text object: escaped, then cut to Slack's limit for that field without splitting an entity. */
export function plainText(text: string, max = 3000): { type: "plain_text"; text: string } {
  return { type: "plain_text", text: truncate(escapeMrkdwn(text), max) };
}

/** A web address as Slack accepts it (http or https, no spaces or brackets), or null. */
export function linkUrl(url: string | null | undefined): string | null {
  if (!url) return null;
  let parsed: URL;
  try {
    parsed = new URL(url.trim());
  } catch {
    return null;
  }
  if (parsed.protocol !== "https:" && parsed.protocol !== "http:") return null;
  // URL's serialisation already encodes spaces and angle brackets; a pipe would end a mrkdwn link.
  const safe = parsed.toString().replace(/\|/g, "%7C");
  return safe.length <= 3000 ? safe : null;
}

/** A link whose label is escaped; anything but an http(s) address shows as the label alone. */
export function mrkdwnLink(url: string | null | undefined, label: string): string {
  const safe = linkUrl(url);
  const text = escapeMrkdwn(label).replace(/\|/g, "¦");
  return safe ? `<${safe}|${text}>` : text;
}

/** A mention of a Slack user the bot knows by id; anything else is shown as text. */
export function mention(userId: string): string {
  return /^[UW][A-Z0-9]{2,}$/.test(userId) ? `<@${userId}>` : escapeMrkdwn(userId);
}

/** How much of what someone typed a reply quotes back: enough to recognise it, never enough to break a block. */
export const QUOTE_MAX = 80;

/** Slack's limit on a section's text. */
export const SECTION_TEXT_MAX = 3000;

/**
 * Cuts text to `max` characters, ending with "…" when it had to. An entity cut in half (`&am`)
 * is dropped, so a cut never shows stray escape code.
 */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  return `${text.slice(0, max - 1).replace(/&[#a-z0-9]{0,5}$/i, "")}…`;
}
