// What a read means for the admin reading the log: the rules on and off, logged when the bot
// starts and whenever they change (a field mapped, a column added), and what a read left out
// (Enterprise, currencies with no rate), once per read.
import { formatRuleStates, type RuleState } from "../domain/availability.ts";
import type { Logger } from "../logging.ts";
import type { PipelineCache, PipelineView } from "./pipeline-cache.ts";

const logged = new WeakMap<PipelineCache, { rules: string; readAt: Date | null }>();
export function logReadState(deps: { pipeline: PipelineCache; logger: Logger }, view: PipelineView): void {
  const seen = logged.get(deps.pipeline) ?? { rules: "", readAt: null };
  logged.set(deps.pipeline, seen);
  const { rules, leftOut } = view.evaluation;
  const lines = formatRuleStates(rules);
  const text = lines.join("\n");
  if (seen.rules !== text) {
    seen.rules = text;
    const on = rules.filter((rule: RuleState) => rule.on).length;
    deps.logger.info(
      { source: deps.pipeline.source.name, rules: lines },
      `${on} of ${rules.length} rules on`,
    );
  }
  if (seen.readAt === view.readAt) return;
  seen.readAt = view.readAt;
  if (Object.keys(leftOut.noRate).length > 0)
    deps.logger.warn(
      { noRate: leftOut.noRate },
      "opportunities left out: their currency has no conversion rate",
    );
  if (leftOut.enterpriseAccounts > 0)
    deps.logger.info(
      { accounts: leftOut.enterpriseAccounts, opportunities: leftOut.enterpriseOpportunities },
      "Enterprise accounts left out",
    );
}
