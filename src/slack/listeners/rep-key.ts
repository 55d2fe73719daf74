// Who a Slack user is in the store's records: their CRM email, or their Slack id when Slack has no
// email for them (a guest, or a missing users:read.email scope), so nothing they submit is refused.
import type { ListenerServices } from "./services.ts";

export async function repKey(services: ListenerServices, userId: string): Promise<string> {
  return (await services.nudge.directory.emailOf(userId)) ?? userId;
}
