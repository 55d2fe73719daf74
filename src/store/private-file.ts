// The SQLite file and its folder, created readable by the bot's user only.
import { chmodSync, closeSync, existsSync, mkdirSync, openSync } from "node:fs";
import { dirname } from "node:path";

/**
 * The database holds Slack ids, emails and what reps wrote: readable by the bot's user only. A
 * folder the bot creates is 0700; a folder the admin chose is left as it is, the file is 0600.
 */
export function createPrivately(file: string): void {
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  if (!existsSync(file)) closeSync(openSync(file, "a", 0o600));
  chmodSync(file, 0o600);
}

export function narrowSidecars(file: string): void {
  for (const sidecar of [`${file}-wal`, `${file}-shm`]) if (existsSync(sidecar)) chmodSync(sidecar, 0o600);
}
