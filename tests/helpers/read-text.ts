// What a person reads in a Slack payload: its `text` fields, not ids, values or action ids.
import { expect } from "vitest";
import { RULE_IDS } from "../../src/domain/findings.ts";

export function readText(payload: unknown): string[] {
  const texts: string[] = [];
  const walk = (node: unknown, key = ""): void => {
    if (typeof node === "string") {
      if (key === "text") texts.push(node);
    } else if (Array.isArray(node)) for (const item of node) walk(item);
    else if (node && typeof node === "object")
      for (const [name, value] of Object.entries(node)) walk(value, name);
  };
  walk(payload);
  return texts;
}

/** Rules are named in words wherever a person reads them: no rule id in any text. */
export function expectNoRuleIds(payload: unknown): void {
  const text = readText(payload).join("\n");
  for (const id of RULE_IDS) expect(text, id).not.toContain(id);
}
