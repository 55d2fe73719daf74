// `nudgebot serve` as its own process, as in production: started, its HTTP port read from what it
// prints, stopped with SIGTERM; and slash commands signed as Slack signs them.
import { type ChildProcess, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { sign } from "./bot-harness.ts";
import { CLI_FROM_SOURCES } from "./run-cli.ts";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));

export interface ServeProcess {
  child: ChildProcess;
  pid: number;
  port: number;
  /** Resolves to the exit code. */
  exited: Promise<number | null>;
  stderr(): string;
  stop(): Promise<number | null>;
}

export interface SpawnedServe {
  child: ChildProcess;
  /** Resolves to the exit code. */
  exited: Promise<number | null>;
  stderr(): string;
  /** Resolves to the first match of `pattern` in stderr; rejects if the process exits first. */
  waitFor(pattern: RegExp): Promise<RegExpExecArray>;
}

/** `nudgebot serve` started, whether or not it gets as far as listening. */
export function spawnServe(env: Record<string, string>, nodeArgs: string[] = []): SpawnedServe {
  const child = spawn(process.execPath, [...nodeArgs, ...CLI_FROM_SOURCES, "serve"], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? "", ...env },
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  const watchers = new Set<() => void>();
  child.stderr?.on("data", (chunk: Buffer) => {
    stderr += chunk.toString();
    for (const watch of watchers) watch();
  });
  const exited = new Promise<number | null>((resolve) => child.on("exit", resolve));
  const waitFor = (pattern: RegExp) =>
    new Promise<RegExpExecArray>((resolve, reject) => {
      const watch = () => {
        const match = pattern.exec(stderr);
        if (!match) return;
        watchers.delete(watch);
        resolve(match);
      };
      watchers.add(watch);
      watch();
      void exited.then((code) =>
        reject(new Error(`serve exited (${code}) before ${pattern}: ${stderr.slice(-2000)}`)),
      );
    });
  return { child, exited, stderr: () => stderr, waitFor };
}

export async function startServe(
  env: Record<string, string>,
  nodeArgs: string[] = [],
): Promise<ServeProcess> {
  const spawned = spawnServe(env, nodeArgs);
  const { child, exited } = spawned;
  const port = Number((await spawned.waitFor(/HTTP on port (\d+)/))[1]);
  return {
    child,
    pid: child.pid ?? 0,
    port,
    exited,
    stderr: spawned.stderr,
    stop: () => {
      child.kill("SIGTERM");
      return exited;
    },
  };
}

/** POSTs a /nudge command to a running bot; resolves to the ack time in milliseconds. */
export async function sendCommand(
  port: number,
  secret: string,
  fields: Record<string, string>,
): Promise<{ status: number; ms: number; body: string }> {
  const body = new URLSearchParams({ command: "/nudge", team_id: "T1", ...fields }).toString();
  const timestamp = Math.floor(Date.now() / 1000);
  const started = performance.now();
  const response = await fetch(`http://127.0.0.1:${port}/slack/events`, {
    method: "POST",
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      "x-slack-request-timestamp": String(timestamp),
      "x-slack-signature": sign(body, timestamp, secret),
    },
    body,
  });
  const text = await response.text();
  return { status: response.status, ms: performance.now() - started, body: text };
}
