// A read the cycle must not nudge from (no opportunity at all, or most rows skipped: a wrong export
// or format): nothing is sent, the log says why, and admins are told once per distinct problem.
import { createHash } from "node:crypto";
import type { Logger } from "../logging.ts";
import { unusableReadNotice } from "../messages/notices.ts";
import { loadFailure } from "../sources/source.ts";
import type { OutboxStore } from "../store/store.ts";
import { unusableReadKey } from "./outbox-keys.ts";
import type { PipelineView } from "./pipeline-cache.ts";

export interface UnusableReadDeps {
  store: Pick<OutboxStore, "enqueue">;
  logger: Logger;
  sourceName: string;
  /** The admins' Slack ids, resolved only when there is something to tell them. */
  adminChannels: () => Promise<Set<string>>;
}

/** True when the read is unusable (and admins have been told, once); false when it is fine. */
export async function refuseUnusableRead(
  deps: UnusableReadDeps,
  view: PipelineView,
  now: Date,
): Promise<boolean> {
  const problem = loadFailure(view);
  if (problem === null) return false;
  deps.logger.error({ source: deps.sourceName, problem }, "pipeline read unusable: no digest sent");
  // Keyed by the problem: the same broken export is reported once, a new problem again.
  const id = createHash("sha256").update(`${deps.sourceName}\n${problem}`).digest("hex").slice(0, 16);
  for (const adminId of await deps.adminChannels()) {
    await deps.store.enqueue(
      {
        key: unusableReadKey(id, adminId),
        kind: "notice",
        channel: adminId,
        payload: unusableReadNotice(deps.sourceName, problem),
      },
      now,
    );
  }
  return true;
}
