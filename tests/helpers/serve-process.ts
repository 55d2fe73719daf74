// `nudgebot serve` as its own process, as in production: started, its HTTP port read from what it
// prints, stopped with SIGTERM; and slash commands signed as Slack signs them.
import { type ChildProcess, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { sign } from "./bot-harness.ts";

const BIN = fileURLToPath(new URL("../../bin/nudgebot.js", import.meta.url));

export interface ServeProcess {
  child: ChildProcess;
  pid: number;
  port: number;
  /** Resolves to the exit code. */
  exited: Promise<number | null>;
  stderr(): string;
  stop(): Promise<number | null>;
}

export async function startServe(
  env: Record<string, string>,
  nodeArgs: string[] = [],
): Promise<ServeProcess> {
  const child = spawn(process.execPath, [...nodeArgs, BIN, "serve"], {
    env: { PATH: process.env.PATH ?? "", ...env },
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  const exited = new Promise<number | null>((resolve) => child.on("exit", resolve));
  const port = await new Promise<number>((resolve, reject) => {
    child.stderr?.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
      const match = /HTTP on port (\d+)/.exec(stderr);
      if (match) resolve(Number(match[1]));
    });
    void exited.then((code) => reject(new Error(`serve exited early (${code}): ${stderr.slice(-2000)}`)));
  });
  return {
    child,
    pid: child.pid ?? 0,
    port,
    exited,
    stderr: () => stderr,
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
