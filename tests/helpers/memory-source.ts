// A pipeline source that hands back a fixed snapshot: for tests that need rep fields a CSV file
// may not carry (country, working days).
import type { Snapshot } from "../../src/domain/model.ts";
import type { PipelineSource } from "../../src/sources/source.ts";
import { TEAM } from "./bot-harness.ts";

export function memorySource(data: Snapshot): PipelineSource {
  return { name: "memory", load: async () => ({ snapshot: structuredClone(data), issues: [] }) };
}

/** The harness team with Ava in the US (New York) and Ken in Japan; `ava` changes Ava's row. */
export function quietTeam(ava: Partial<Snapshot["reps"][number]> = {}): Snapshot {
  return {
    ...TEAM,
    reps: TEAM.reps.map((rep) =>
      rep.email === "ava@example.com"
        ? { ...rep, country: "US", ...ava }
        : rep.email === "ken@example.com"
          ? { ...rep, country: "JP" }
          : rep,
    ),
  };
}
