// The layer rules `npm test` checks (.dependency-cruiser.cjs), run over a small planted tree: each
// rule catches the import it forbids, type-only imports included, and lets the allowed ones pass.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { cruise, type ICruiseOptions, type ICruiseResult, type IForbiddenRuleType } from "dependency-cruiser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const config = createRequire(import.meta.url)("../.dependency-cruiser.cjs") as {
  forbidden: IForbiddenRuleType[];
  options: ICruiseOptions;
};

/** Each planted file and what it imports. */
const TREE: Record<string, string> = {
  "src/domain/rule.ts": 'import type { Client } from "../slack/client.ts";\nexport type Rule = Client;\n',
  "src/domain/dates.ts": "export const day = 1;\n",
  "src/slack/client.ts": "export interface Client { id: string }\n",
  "src/web/page.ts": "export interface Page { id: string }\n",
  "src/services/port-user.ts":
    'import type { Port } from "./ports/port.ts";\nimport { day } from "../domain/dates.ts";\nexport const use = (p: Port) => p.id + day;\n',
  "src/services/ports/port.ts": "export interface Port { id: string }\n",
  "src/services/reaches-up.ts":
    'import { notice } from "../messages/notice.ts";\nimport type { Page } from "../web/page.ts";\nexport const up = (p: Page) => notice(p.id);\n',
  "src/messages/notice.ts": "export const notice = (text: string) => ({ text });\n",
  "src/messages/reaches-up.ts": 'import { use } from "../services/port-user.ts";\nexport const x = use;\n',
  "src/config/config.ts":
    'import "../sources/csv/csv-settings.ts";\nimport "../sources/csv/reader.ts";\nimport "../sources/source.ts";\n',
  "src/sources/source.ts": "export interface Source { id: string }\n",
  "src/sources/csv/csv-settings.ts": "export const settings = {};\n",
  "src/sources/csv/csv-source.ts": 'import "./reader.ts";\nexport class CsvSource {}\n',
  "src/sources/csv/reader.ts": 'import "../salesforce/client.ts";\nimport "../crm/field-map.ts";\n',
  "src/sources/crm/field-map.ts": "export const fields = {};\n",
  "src/sources/salesforce/client.ts": 'import "../source.ts";\n',
  "src/sources/sample/sample-source.ts": 'import "../csv/csv-source.ts";\nimport "../csv/reader.ts";\n',
};

let folder: string;
let violations: string[];

beforeAll(async () => {
  folder = mkdtempSync(join(tmpdir(), "nudgebot-layers-"));
  for (const [path, text] of Object.entries(TREE)) {
    mkdirSync(dirname(join(folder, path)), { recursive: true });
    writeFileSync(join(folder, path), text);
  }
  const result = await cruise(["src"], {
    ...config.options,
    validate: true,
    ruleSet: { forbidden: config.forbidden },
    baseDir: folder,
  });
  const output = result.output as ICruiseResult;
  violations = output.summary.violations.map((v) => `${v.rule.name}: ${v.from} -> ${v.to}`).sort();
});

afterAll(() => {
  rmSync(folder, { recursive: true, force: true });
});

describe("the layer rules", () => {
  it("fail on every planted violation, and on nothing else", () => {
    expect(violations).toEqual(
      [
        "config-takes-no-source-internals: src/config/config.ts -> src/sources/csv/csv-settings.ts",
        "config-takes-no-source-internals: src/config/config.ts -> src/sources/csv/reader.ts",
        "crm-folders-apart: src/sources/csv/reader.ts -> src/sources/salesforce/client.ts",
        "domain-is-pure: src/domain/rule.ts -> src/slack/client.ts",
        "messages-below-services: src/messages/reaches-up.ts -> src/services/port-user.ts",
        "sample-is-csv-only: src/sources/sample/sample-source.ts -> src/sources/csv/reader.ts",
        "services-below-transports: src/services/reaches-up.ts -> src/web/page.ts",
      ].sort(),
    );
  });
});
