// The org's daily API budget: reads pause while Sforce-Limit-Info shows usage above the share the
// config allows, and the org's limits are asked for now and then until usage falls.
import type { Logger } from "../../logging.ts";
import type { SalesforceClient } from "./salesforce-client.ts";

/** While paused, the org's usage is asked for at most this often. */
const LIMITS_PROBE_EVERY_MS = 15 * 60_000;

export class ApiBudget {
  private pausedSince: Date | null = null;
  private probedAt = 0;

  constructor(
    private readonly client: SalesforceClient,
    private readonly logger: Logger,
    private readonly clock: () => Date,
    readonly maxPercent: number,
  ) {}

  /** Usage while paused, for the admins' notice; null when reads go ahead. */
  paused(): { usedPercent: number; maxPercent: number } | null {
    if (!this.pausedSince) return null;
    const usage = this.client.apiUsage();
    return {
      usedPercent: usage ? Math.round((usage.used / usage.max) * 100) : 100,
      maxPercent: this.maxPercent,
    };
  }

  private usageOver(): boolean {
    const usage = this.client.apiUsage();
    return usage !== null && (usage.used / usage.max) * 100 > this.maxPercent;
  }

  /** Whether usage is over the budget; while paused, asks the org again now and then. */
  async over(): Promise<boolean> {
    if (!this.usageOver()) {
      this.pausedSince = null;
      return false;
    }
    const now = this.clock().getTime();
    if (this.pausedSince && now - this.probedAt >= LIMITS_PROBE_EVERY_MS) {
      this.probedAt = now;
      await this.client.refreshLimits();
      if (!this.usageOver()) {
        this.logger.info(
          { apiUsage: this.client.lastLimitInfo },
          "salesforce API usage back under the budget; reads resume",
        );
        this.pausedSince = null;
        return false;
      }
    }
    if (!this.pausedSince) {
      this.pausedSince = new Date(now);
      this.probedAt = now;
      this.logger.warn(
        { apiUsage: this.client.lastLimitInfo, maxApiUsagePercent: this.maxPercent },
        "salesforce API usage above salesforce.maxApiUsagePercent: reads paused until it falls",
      );
    }
    return true;
  }
}
