// `nudgebot demo` (= `npm run demo`): one full nudge cycle on the bundled sample at a fixed time,
// with every digest printed instead of sent. Its ledger starts empty each run, so the output repeats.
// `--history` plays a month instead (demo-history.ts); `--serve` then opens the console on it.
import { rmSync } from "node:fs";
import type { App } from "../../app.ts";
import type { Digest } from "../../domain/digest.ts";
import { planFor } from "../../domain/digest-plan.ts";
import { UsageError } from "../../errors.ts";
import { digestMessage } from "../../messages/digest-blocks.ts";
import { deliverDigests } from "../../services/deliver-digests.ts";
import { scanPipeline } from "../../services/scan-pipeline.ts";
import { teamScorecards } from "../../services/team-scorecards.ts";
import { SAMPLE_NOW, sampleSource } from "../../sources/sample/sample-source.ts";
import { formatIssue } from "../../sources/source.ts";
import { scorecardTable } from "../../views/scorecard-table.ts";
import { digestText } from "../digest-text.ts";
import type { Output } from "../output.ts";
import { findingsByRuleText, issuesLine } from "../summary-text.ts";

export const DEMO_DATABASE = "./data/demo.db";

export async function demo(
  app: App,
  output: Output,
  flags: { json: boolean; history?: boolean; serve?: boolean },
): Promise<number> {
  if (flags.serve && !flags.history)
    throw new UsageError("--serve shows the console on the history demo: nudgebot demo --history --serve");
  if (flags.history) {
    const { demoHistory } = await import("./demo-history.ts");
    const code = await demoHistory(app, output, flags);
    if (!flags.serve || code !== 0) return code;
    const { demoConsole } = await import("./demo-console.ts");
    return demoConsole(app, output);
  }
  const now = app.config.fixedNow ?? SAMPLE_NOW;
  const source = sampleSource();
  for (const suffix of ["", "-wal", "-shm"]) rmSync(`${DEMO_DATABASE}${suffix}`, { force: true });
  const store = await app.openStore({ kind: "sqlite", file: DEMO_DATABASE });
  try {
    const result = await scanPipeline({
      source,
      settings: app.config.rules,
      defaultTimezone: app.config.defaultTimezone,
      now,
      logger: app.logger,
      onProgress: output.progress,
    });
    output.done();
    const { snapshot } = result;
    const heading = (text: string) => (flags.json ? output.err(text) : output.out(text));
    heading(
      `nudgebot demo: the sample team (${snapshot.reps.length} reps, ${snapshot.accounts.length} accounts, ` +
        `${snapshot.opportunities.length} opportunities) at ${now.toISOString()}\n`,
    );
    for (const issue of result.issues) output.err(formatIssue(issue));

    const plan = (digest: Digest) => planFor(digest, app.config.digest.focus, app.config.rules);
    const outcome = await deliverDigests({
      evaluation: result.evaluation,
      store,
      now,
      logger: app.logger,
      deliver: async (digest) => {
        if (flags.json)
          output.out(
            JSON.stringify({ channel: digest.owner, ...digestMessage(plan(digest), { crm: null }) }),
          );
        else output.out(`${digestText(plan(digest))}\n`);
      },
    });

    for (const team of teamScorecards(result.evaluation)) {
      heading(`Weekly team scorecard for ${team.manager?.name} (${team.rows.length} reps)`);
      heading(`${scorecardTable([...team.rows, team.team])}\n`);
    }
    heading("Findings by rule:");
    heading(findingsByRuleText(result.evaluation));
    heading(
      `\nReps nudged: ${outcome.delivered.length} (one digest each, recorded in ${DEMO_DATABASE}); ` +
        `nothing to fix: ${outcome.clean.length}; ${issuesLine(result.issues)}.`,
    );
    return 0;
  } finally {
    await store.close();
  }
}
