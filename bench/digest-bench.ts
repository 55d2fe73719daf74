// Benchmark: how long the bundled sample's digests are to read, and the Slack calls each costs.
// One real nudge cycle on the sample against a stand-in Web API; every digest it posts is measured.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createApp, createBot } from "../src/app.ts";
import { runNudgeCycle } from "../src/services/nudge-cycle.ts";
import { SAMPLE_NOW, sampleSource } from "../src/sources/sample/sample-source.ts";
import { FakeSlack } from "../tests/helpers/fake-slack.ts";
import { median, report } from "./report.ts";

function tempFile(name: string, text = ""): string {
  const path = join(mkdtempSync(join(tmpdir(), "nudgebot-bench-")), name);
  writeFileSync(path, text);
  return path;
}

interface Block {
  type: string;
  text?: { text?: string };
  fields?: unknown[];
  elements?: unknown[];
}

/**
 * Lines as a person reads them: a header is one line; a section is its text's lines (plus one per
 * field); a context is one line; a row of buttons is one line; a divider is none.
 */
export function readingLines(blocks: readonly Block[]): number {
  let lines = 0;
  for (const block of blocks) {
    if (block.type === "header" || block.type === "context" || block.type === "actions") lines += 1;
    else if (block.type === "section")
      lines += (block.text?.text?.split("\n").length ?? 0) + (block.fields?.length ?? 0);
  }
  return lines;
}

/** What a person reads of the blocks: every text, without mrkdwn link targets. */
function readingChars(blocks: readonly Block[]): number {
  const texts: string[] = [];
  const walk = (value: unknown, key = ""): void => {
    if (typeof value === "string") {
      if (key === "text") texts.push(value.replace(/<[^|>]+\|([^>]+)>/g, "$1"));
    } else if (Array.isArray(value)) for (const item of value) walk(item);
    else if (value && typeof value === "object")
      for (const [name, item] of Object.entries(value))
        if (name !== "options" && name !== "placeholder") walk(item, name);
  };
  walk(blocks);
  return texts.join("").length;
}

export async function digestBench(): Promise<void> {
  const { snapshot } = await sampleSource().load();
  const slack = new FakeSlack();
  for (const [index, rep] of snapshot.reps.entries())
    slack.addUser(rep.email, `U${String(index).padStart(6, "0")}`);
  const { url, server } = await slack.listen();
  const app = {
    ...createApp({
      SLACK_BOT_TOKEN: "xoxb-bench",
      SLACK_SIGNING_SECRET: "bench-signing-secret",
      SLACK_API_URL: url,
      PORT: "0",
      DATA_SOURCE: "sample",
      DATABASE_URL: `sqlite:${tempFile("bench.db")}`,
      NUDGEBOT_CONFIG: tempFile("nudgebot.yml"),
      LOG_LEVEL: "silent",
    }),
    clock: () => SAMPLE_NOW,
  };
  const bot = await createBot(app);
  const summary = await runNudgeCycle(bot.cycle, "now");
  await bot.store.close();
  server.close();
  const digests = slack
    .callsOf("chat.postMessage")
    .map((call) => call.params.blocks)
    .map((blocks) => (typeof blocks === "string" ? JSON.parse(blocks) : blocks) as Block[]);
  const lines = digests.map(readingLines);
  const findings = [...(bot.cycle.pipeline.peek()?.evaluation.owners.values() ?? [])]
    .map((owner) => owner.findingCount)
    .filter((count) => count > 0);
  const byMethod = new Map<string, number>();
  for (const call of slack.calls) byMethod.set(call.method, (byMethod.get(call.method) ?? 0) + 1);
  report(`digests on the bundled sample (${snapshot.reps.length} reps, one cycle)`, [
    ["digests delivered", summary.delivered],
    ["findings per rep with findings, median", median(findings)],
    ["lines per digest, median", median(lines)],
    ["lines per digest, max", Math.max(...lines)],
    ["blocks per digest, max", Math.max(...digests.map((blocks) => blocks.length))],
    ["characters per digest, median (the sample's digest length)", median(digests.map(readingChars))],
    ["Slack calls", [...byMethod].map(([method, count]) => `${method} ${count}`).join(", ")],
    // The directory's users.list is paid once per bot, not per digest; both figures are shown.
    [
      "Slack calls per digest",
      `${((byMethod.get("chat.postMessage") ?? 0) / summary.delivered).toFixed(3)} posting (target ≤ 1.05); ` +
        `${(slack.calls.length / summary.delivered).toFixed(3)} with the directory's lookups`,
    ],
  ]);
}
