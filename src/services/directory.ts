// Email → Slack user, cached in the store. Many stale entries are refreshed with one paged users.list
// crawl (Tier 2) instead of a users.lookupByEmail (Tier 3) per rep.
import type { Logger } from "../logging.ts";
import type { QuietStore } from "../store/quiet-store.ts";
import type { DirectoryStore, SlackUserRecord } from "../store/store.ts";
import type { SlackApi, SlackUser } from "./ports/slack-port.ts";

export interface DirectoryOptions {
  store: DirectoryStore & Pick<QuietStore, "listSlackLinks">;
  slack: SlackApi;
  logger: Logger;
  clock: () => Date;
  /** How long a found user is trusted before it is looked up again. */
  foundTtlMs?: number;
  /** How long "not in Slack" stands before trying again. */
  missingTtlMs?: number;
  /** More stale emails than this and one users.list crawl replaces the lookups. */
  crawlThreshold?: number;
  /** `slackUsers:` from the config: CRM email (lower case) → Slack user id or Slack email. */
  links?: Record<string, string>;
}

const DAY = 86_400_000;

export class Directory {
  private readonly foundTtlMs: number;
  private readonly missingTtlMs: number;
  private readonly crawlThreshold: number;

  constructor(private readonly options: DirectoryOptions) {
    this.foundTtlMs = options.foundTtlMs ?? 7 * DAY;
    this.missingTtlMs = options.missingTtlMs ?? DAY;
    this.crawlThreshold = options.crawlThreshold ?? 10;
  }

  /**
   * Slack user id per CRM email (lower case), or null for one Slack does not know. A link chosen
   * by an admin (in the store) or named in `slackUsers:` wins over the email itself.
   */
  async resolve(emails: string[]): Promise<Map<string, string | null>> {
    const wanted = [...new Set(emails.map((email) => email.toLowerCase()))];
    const stored = await this.storedLinks(wanted.length > 0);
    const configured = this.options.links ?? {};
    const resolved = new Map<string, string | null>();
    /** CRM email → the Slack email to look up instead. */
    const aliases = new Map<string, string>();
    for (const email of wanted) {
      const link = stored.get(email) ?? configured[email];
      if (link && !link.includes("@")) resolved.set(email, link);
      else aliases.set(email, link ?? email);
    }
    if (aliases.size === 0) return resolved;
    const found = await this.resolveByEmail([...aliases.values()]);
    for (const [crm, slackEmail] of aliases) resolved.set(crm, found.get(slackEmail)?.userId ?? null);
    return resolved;
  }

  /**
   * The time zone of each CRM email's Slack profile (null when Slack has none or does not know
   * them), from the same cache as resolve(): Slack is asked only about entries gone stale.
   */
  async timezones(emails: string[]): Promise<Map<string, string | null>> {
    const users = await this.resolve(emails);
    const byId = new Map<string, string | null>();
    const records = await this.options.store.getSlackUsers([...users.keys()]);
    const byEmail = new Map(records.map((record) => [record.email, record]));
    for (const record of records) if (record.userId) byId.set(record.userId, record.tz ?? null);
    const zones = new Map<string, string | null>();
    for (const [email, userId] of users) {
      const own = byEmail.get(email);
      const tz = own?.userId === userId ? own.tz : userId ? await this.timezoneOfId(userId, byId) : null;
      zones.set(email, tz ?? null);
    }
    return zones;
  }

  /** A linked user's time zone: from their cached record when there is one; no Slack call. */
  private async timezoneOfId(userId: string, known: Map<string, string | null>): Promise<string | null> {
    if (known.has(userId)) return known.get(userId) ?? null;
    const record = await this.options.store.findSlackUserById(userId);
    return record?.tz ?? null;
  }

  /** Links an admin chose: CRM email → Slack user id. Read once per call; the table is small. */
  private async storedLinks(needed: boolean): Promise<Map<string, string>> {
    if (!needed) return new Map();
    return new Map((await this.options.store.listSlackLinks()).map((link) => [link.crmEmail, link.userId]));
  }

  private async resolveByEmail(emails: string[]): Promise<Map<string, SlackUserRecord>> {
    const { store, slack, logger } = this.options;
    const now = this.options.clock();
    const wanted = [...new Set(emails.map((email) => email.toLowerCase()))];
    const resolved = new Map<string, SlackUserRecord>();
    for (const record of await store.getSlackUsers(wanted)) {
      const ttl = record.userId ? this.foundTtlMs : this.missingTtlMs;
      if (now.getTime() - record.checkedAt.getTime() < ttl) resolved.set(record.email, record);
    }
    const stale = wanted.filter((email) => !resolved.has(email));
    if (stale.length === 0) return resolved;

    const fresh: SlackUserRecord[] = [];
    const record = (email: string, user: SlackUser | null | undefined): SlackUserRecord => ({
      email,
      userId: user?.id ?? null,
      checkedAt: now,
      tz: user?.tz ?? null,
    });
    if (stale.length > this.crawlThreshold) {
      const byEmail = new Map((await slack.listUsers()).map((user) => [user.email, user]));
      for (const email of stale) fresh.push(record(email, byEmail.get(email)));
      logger.info({ users: byEmail.size, looked: stale.length }, "slack directory refreshed from users.list");
    } else {
      for (const email of stale) fresh.push(record(email, await slack.lookupUserByEmail(email)));
    }
    await store.saveSlackUsers(fresh);
    for (const found of fresh) resolved.set(found.email, found);
    return resolved;
  }

  /**
   * The CRM email of a Slack user: through a link when there is one, else their Slack email. This
   * decides everyone's role, in Slack and in the console alike.
   */
  async emailOf(userId: string): Promise<string | null> {
    const links = await this.allLinks();
    return linkedTo(links, userId) ?? ownEmail(links, await this.slackEmailOf(userId));
  }

  /**
   * The CRM email of someone whose Slack email is already known (Sign in with Slack said it): a
   * link an admin chose or `slackUsers:` first, else that email. Costs no Slack call.
   */
  async emailOfSignedIn(userId: string, slackEmail: string | null): Promise<string | null> {
    const links = await this.allLinks();
    return linkedTo(links, userId) ?? ownEmail(links, slackEmail);
  }

  /** CRM email → the Slack user id or Slack email it is linked to; an admin's link wins over `slackUsers:`. */
  private async allLinks(): Promise<Map<string, string>> {
    const links = new Map(
      Object.entries(this.options.links ?? {}).map(([crm, target]) => [crm.toLowerCase(), target]),
    );
    for (const link of await this.options.store.listSlackLinks())
      links.set(link.crmEmail.toLowerCase(), link.userId);
    return links;
  }

  /** The email of a Slack user, from the cache or users.info. */
  private async slackEmailOf(userId: string): Promise<string | null> {
    const cached = await this.options.store.findSlackUserById(userId);
    if (cached) return cached.email;
    const email = await this.options.slack.userEmail(userId);
    if (email) await this.options.store.saveSlackUsers([{ email, userId, checkedAt: this.options.clock() }]);
    return email;
  }
}

/** The CRM email linked to this Slack user id, if any. */
function linkedTo(links: Map<string, string>, userId: string): string | null {
  for (const [crm, target] of links) if (target === userId) return crm;
  return null;
}

/**
 * The CRM email for a Slack email: the one `slackUsers:` points at it, else the Slack email itself,
 * unless that CRM email is linked to another Slack account: it belongs to that account alone, and
 * someone else with the same email (a second account, a reused address) is nobody.
 */
function ownEmail(links: Map<string, string>, slackEmail: string | null): string | null {
  if (!slackEmail) return null;
  const email = slackEmail.toLowerCase();
  for (const [crm, target] of links) if (target.toLowerCase() === email) return crm;
  return links.has(email) ? null : email;
}
