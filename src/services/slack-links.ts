// Linking a rep whose Slack email is not their CRM email: an admin picks the Slack account (from the
// "not found" notice or App Home), the link is stored, and the directory resolves the rep through it.
import type { Logger } from "../logging.ts";
import type { QuietStore } from "../store/quiet-store.ts";
import type { DirectoryStore } from "../store/store.ts";
import type { Viewer } from "./access.ts";
import type { PipelineCache } from "./pipeline-cache.ts";

export interface SlackLinkDeps {
  store: Pick<DirectoryStore, "getSlackUsers"> & QuietStore;
  pipeline: PipelineCache;
  logger: Logger;
  clock: () => Date;
  /** `slackUsers:` from the config, CRM email → Slack id or email: those reps are linked already. */
  configured: Record<string, string>;
}

export type LinkOutcome =
  | { status: "linked"; email: string; name: string | null }
  | { status: "refused"; message: string };

export class SlackLinkService {
  constructor(private readonly deps: SlackLinkDeps) {}

  async link(viewer: Viewer, crmEmail: string, userId: string): Promise<LinkOutcome> {
    if (!viewer.isAdmin) return { status: "refused", message: "Only admins can link Slack accounts." };
    if (!/^[UW][A-Z0-9]+$/.test(userId))
      return { status: "refused", message: "Pick a person from the list." };
    const email = crmEmail.toLowerCase();
    const { snapshot } = await this.deps.pipeline.current();
    const rep = snapshot.reps.find((candidate) => candidate.email.toLowerCase() === email);
    const owns = snapshot.opportunities.some((opp) => opp.ownerEmail.toLowerCase() === email);
    if (!rep && !owns) {
      return { status: "refused", message: `${crmEmail} is no longer in the pipeline I read.` };
    }
    await this.deps.store.saveSlackLink({
      crmEmail: email,
      userId,
      linkedBy: viewer.userId,
      linkedAt: this.deps.clock(),
    });
    this.deps.logger.info({ rep: email, user: userId, by: viewer.userId }, "rep linked to a Slack account");
    return { status: "linked", email, name: rep?.name ?? null };
  }

  /**
   * For admins: owners with findings whom Slack did not know by email at the last look, and no
   * link. Read from the directory cache only, so App Home costs no Slack call.
   */
  async unlinked(viewer: Viewer): Promise<{ email: string; name: string }[]> {
    if (!viewer.isAdmin) return [];
    const { evaluation } = await this.deps.pipeline.current();
    const owners = [...evaluation.owners.values()].filter((owner) => owner.findingCount > 0);
    const linked = new Set([
      ...(await this.deps.store.listSlackLinks()).map((link) => link.crmEmail),
      ...Object.keys(this.deps.configured),
    ]);
    const missing = new Set(
      (await this.deps.store.getSlackUsers(owners.map((owner) => owner.owner.toLowerCase())))
        .filter((record) => record.userId === null)
        .map((record) => record.email),
    );
    return owners
      .filter((owner) => missing.has(owner.owner.toLowerCase()) && !linked.has(owner.owner.toLowerCase()))
      .map((owner) => ({ email: owner.owner, name: owner.rep?.name ?? owner.owner }));
  }
}
