// The compiled build, laid out as the Docker image has it (bin/, dist/, config/, data/sample/,
// node_modules/, no sources): it runs as plain JavaScript, with neither tsx nor TypeScript loaded.
import { execFileSync, spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const RECORDER = fileURLToPath(new URL("../helpers/record-imports.mjs", import.meta.url));
let image = "";

beforeAll(() => {
  image = mkdtempSync(join(tmpdir(), "nudgebot-image-"));
  const tsc = join(ROOT, "node_modules/typescript/bin/tsc");
  execFileSync(process.execPath, [
    tsc,
    "-p",
    join(ROOT, "tsconfig.build.json"),
    "--outDir",
    join(image, "dist"),
  ]);
  cpSync(join(ROOT, "bin"), join(image, "bin"), { recursive: true });
  cpSync(join(ROOT, "config"), join(image, "config"), { recursive: true });
  cpSync(join(ROOT, "package.json"), join(image, "package.json"));
  // A copy, not a link: the demo writes its ledger under ./data, and so does the demo test.
  cpSync(join(ROOT, "data/sample"), join(image, "data/sample"), { recursive: true });
  symlinkSync(join(ROOT, "node_modules"), join(image, "node_modules"));
}, 180_000);

function run(args: string[]) {
  const record = join(mkdtempSync(join(tmpdir(), "nudgebot-imports-")), "imports.txt");
  const result = spawnSync(
    process.execPath,
    ["--import", RECORDER, join(image, "bin/nudgebot.js"), ...args],
    {
      cwd: image,
      encoding: "utf8",
      env: {
        PATH: process.env.PATH ?? "",
        RECORD_IMPORTS_TO: record,
        DATABASE_URL: `sqlite:${join(image, "x.db")}`,
      },
      timeout: 60_000,
    },
  );
  return { ...result, imports: readFileSync(record, "utf8").trim().split("\n") };
}

describe("the compiled build", () => {
  it("runs the demo from dist/ as JavaScript, loading no TypeScript tooling", () => {
    const demo = run(["demo"]);
    expect(demo.status).toBe(0);
    expect(demo.stdout).toMatch(
      /^nudgebot demo: the sample team \(40 reps, 400 accounts, 2500 opportunities\)/,
    );
    expect(demo.stderr).toBe("");
    expect(demo.imports.some((url) => url.endsWith("/dist/cli.js"))).toBe(true);
    expect(
      demo.imports.filter((url) => /\.ts$|\/node_modules\/(tsx|typescript|esbuild)\//.test(url)),
    ).toEqual([]);
  });

  it("answers --help", () => {
    const help = run(["--help"]);
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/^Usage: nudgebot <command>/);
  });
});
