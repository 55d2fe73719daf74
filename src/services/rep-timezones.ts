// Time zones for reps whose CRM records none (HubSpot owners without a people file): the rep's
// Slack profile's, else the configured default, said once per rep in the log. The one place
// that decides it, after every read, whatever the source.
import type { Rep, Snapshot } from "../domain/model.ts";
import type { Logger } from "../logging.ts";

export interface RepTimezonesOptions {
  defaultTimezone: string;
  logger: Logger;
  /** CRM email (lower case) → the time zone of their Slack profile; left out where there is no Slack. */
  slackTimezones?: (emails: string[]) => Promise<Map<string, string | null>>;
}

export class RepTimezones {
  /** Reps already logged as on the default time zone: each is said once while it lasts. */
  private readonly onDefault = new Set<string>();

  constructor(private readonly options: RepTimezonesOptions) {}

  /** The snapshot with every rep's time zone known; the same snapshot when none was missing. */
  async complete(snapshot: Snapshot): Promise<Snapshot> {
    const unknown = snapshot.reps.filter((rep) => rep.timezoneSource === "default");
    if (unknown.length === 0) return snapshot;
    const zones = await this.fromSlack(unknown.map((rep) => rep.email.toLowerCase()));
    const defaulted: string[] = [];
    const reps = snapshot.reps.map((rep): Rep => {
      if (rep.timezoneSource !== "default") return rep;
      const email = rep.email.toLowerCase();
      const tz = zones.get(email);
      if (tz && isTimezone(tz)) {
        this.onDefault.delete(email);
        return { ...rep, timezone: tz, timezoneSource: "slack" };
      }
      if (!this.onDefault.has(email)) defaulted.push(email);
      this.onDefault.add(email);
      return { ...rep, timezone: this.options.defaultTimezone };
    });
    if (defaulted.length > 0) {
      this.options.logger.info(
        { reps: defaulted, timezone: this.options.defaultTimezone },
        "no time zone in the CRM or in Slack: these reps get the default time zone",
      );
    }
    return { ...snapshot, reps };
  }

  private async fromSlack(emails: string[]): Promise<Map<string, string | null>> {
    const { slackTimezones, logger } = this.options;
    if (!slackTimezones) return new Map();
    try {
      return await slackTimezones(emails);
    } catch (error) {
      // Slack being down must not stop the read: the default stands until the next one.
      logger.warn({ err: error }, "could not read time zones from Slack");
      return new Map();
    }
  }
}

function isTimezone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}
