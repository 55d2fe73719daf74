// Who a Slack user is in the store's records: their CRM email, or their Slack id when Slack has no
// email for them (an admin named in the config by Slack id), so what they submit is still kept.
import type { ListenerServices } from "./services.ts";

export async function repKey(services: ListenerServices, userId: string): Promise<string> {
  return (await services.directory.emailOf(userId)) ?? userId;
}
