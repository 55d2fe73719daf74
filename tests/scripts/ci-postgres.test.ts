// scripts/ci/postgres.sh on a busy host: a taken port is passed over, and a server that cannot
// start leaves its log on the screen. Needs the PostgreSQL binaries, as .ci/run provides.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { createServer, type Server } from "node:net";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const SCRIPT = fileURLToPath(new URL("../../scripts/ci/postgres.sh", import.meta.url));
const hasPostgres = existsSync("/usr/lib/postgresql") && readdirSync("/usr/lib/postgresql").length > 0;
/** The script's first choice when PG_PORT is unset. */
const FIRST_PORT = 55433;

/** Sources the script under .ci/run's shell options and runs `commands`, as .ci/run does. */
function ciShell(commands: string, pgPort: string) {
  const result = spawnSync(
    "bash",
    ["-c", `set -euo pipefail; source ${SCRIPT}; trap stop_postgres EXIT; ${commands}`],
    { encoding: "utf8", env: { ...process.env, PG_PORT: pgPort } },
  );
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe.skipIf(!hasPostgres)("the CI PostgreSQL script, with its first port taken", () => {
  // Whether this listener or something else holds it, the first port is taken while these run.
  let squatter: Server | undefined;
  beforeAll(async () => {
    squatter = await new Promise<Server | undefined>((resolve) => {
      const server = createServer();
      server.once("error", () => resolve(undefined));
      server.listen(FIRST_PORT, "127.0.0.1", () => resolve(server));
    });
  });
  afterAll(async () => {
    await new Promise((resolve) => (squatter ? squatter.close(resolve) : resolve(undefined)));
  });

  it("starts the server on the next free port and points the tests at it", () => {
    const run = ciShell(
      `start_postgres; echo "port=$PG_PORT url=$TEST_DATABASE_URL"; "$PG_BIN/psql" "$TEST_DATABASE_URL" -Atc "SELECT 'answered'"`,
      "",
    );
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    expect(run.stdout).toContain(`Port ${FIRST_PORT} is taken; trying the next one.`);
    const port = Number(/port=(\d+)/.exec(run.stdout)?.[1]);
    expect(port).toBeGreaterThan(FIRST_PORT);
    expect(run.stdout).toContain(`url=postgres://postgres@127.0.0.1:${port}/postgres`);
    expect(run.stdout).toContain("answered");
  });

  it("fails on the port PG_PORT names, showing the server's log before the folder is removed", () => {
    const run = ciShell("start_postgres; echo started", String(FIRST_PORT));
    expect(run.status).not.toBe(0);
    expect(run.stdout).not.toContain("started");
    expect(run.stderr).toContain(`PostgreSQL did not start on 127.0.0.1:${FIRST_PORT}`);
    expect(run.stderr).toMatch(/could not bind IPv4 address "127\.0\.0\.1": Address already in use/);
  });
});
