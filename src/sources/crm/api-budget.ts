// A CRM's daily API budget: reads pause while the CRM reports usage above the share the config
// allows, and the CRM's usage is asked for now and then until it falls.
import type { Logger } from "../../logging.ts";
import type { ReadsPaused } from "../source.ts";

/** What a CRM client knows of its daily API usage. */
export interface UsageMeter {
  /** The last usage the CRM reported, or null when it has not said. */
  apiUsage(): { used: number; max: number } | null;
  /** Asks the CRM for its usage: how a paused bot learns that usage has fallen again. */
  refreshLimits(): Promise<void>;
  /** The CRM's own words for the usage, for the log (`api-usage=25/15000`). */
  readonly lastLimitInfo: string | null;
}

/** While paused, the CRM's usage is asked for at most this often. */
const LIMITS_PROBE_EVERY_MS = 15 * 60_000;

export class ApiBudget {
  private pausedSince: Date | null = null;
  private probedAt = 0;

  constructor(
    private readonly meter: UsageMeter,
    private readonly logger: Logger,
    private readonly clock: () => Date,
    readonly maxPercent: number,
    /** The CRM as the log names it, and its config key: `salesforce`, `salesforce.maxApiUsagePercent`. */
    private readonly names: { crm: string; key: string } = {
      crm: "salesforce",
      key: "salesforce.maxApiUsagePercent",
    },
  ) {}

  /** Usage while paused, for the admins' notice; null when reads go ahead. */
  paused(): ReadsPaused | null {
    if (!this.pausedSince) return null;
    const usage = this.meter.apiUsage();
    return {
      usedPercent: usage ? Math.round((usage.used / usage.max) * 100) : 100,
      maxPercent: this.maxPercent,
      setting: this.names.key,
    };
  }

  private usageOver(): boolean {
    const usage = this.meter.apiUsage();
    return usage !== null && (usage.used / usage.max) * 100 > this.maxPercent;
  }

  /** Whether usage is over the budget; while paused, asks the CRM again now and then. */
  async over(): Promise<boolean> {
    if (!this.usageOver()) {
      this.pausedSince = null;
      return false;
    }
    const now = this.clock().getTime();
    if (this.pausedSince && now - this.probedAt >= LIMITS_PROBE_EVERY_MS) {
      this.probedAt = now;
      await this.meter.refreshLimits();
      if (!this.usageOver()) {
        this.logger.info(
          { apiUsage: this.meter.lastLimitInfo },
          `${this.names.crm} API usage back under the budget; reads resume`,
        );
        this.pausedSince = null;
        return false;
      }
    }
    if (!this.pausedSince) {
      this.pausedSince = new Date(now);
      this.probedAt = now;
      this.logger.warn(
        { apiUsage: this.meter.lastLimitInfo, maxApiUsagePercent: this.maxPercent },
        `${this.names.crm} API usage above ${this.names.key}: reads paused until it falls`,
      );
    }
    return true;
  }
}
