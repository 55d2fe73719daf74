// Escaping for Slack mrkdwn: CRM and user text can never ping (<!channel>, <@U…>) or form links.

export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** A link whose label is escaped; the URL loses the characters that would end the link early. */
export function mrkdwnLink(url: string, label: string): string {
  return `<${url.replace(/[<>|\s]/g, "")}|${escapeMrkdwn(label).replace(/\|/g, "¦")}>`;
}

/** Cuts text to `max` characters, ending with "…" when it had to. */
export function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
