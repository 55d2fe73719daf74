// What admins are told: reps missing from Slack (once, ever), CRM reads paused to spare the API
// limit (once a day), and a help desk refusing the bot's credentials (once, ever), each to every
// admin found in Slack.
import { apiBudgetNotice } from "../messages/api-budget-notice.ts";
import { repNotFoundNotice, supportUnauthorizedNotice } from "../messages/notices.ts";
import type { CycleDeps } from "./nudge-cycle.ts";
import { apiBudgetKey, repNotFoundKey, supportUnauthorizedKey } from "./outbox-keys.ts";

type NoticeDeps = Pick<CycleDeps, "config" | "directory" | "store" | "logger" | "pipeline">;

/** While the source pauses its reads, each admin hears once a day why digests use older records. */
export async function tellReadsPaused(deps: NoticeDeps, reps: { email: string; role: string }[], now: Date) {
  const paused = deps.pipeline.source.readsPaused?.();
  if (!paused) return;
  const day = now.toISOString().slice(0, 10);
  for (const adminId of await adminChannels(deps, reps)) {
    await deps.store.enqueue(
      {
        key: apiBudgetKey(day, adminId),
        kind: "notice",
        channel: adminId,
        payload: apiBudgetNotice(paused, deps.pipeline.source.linkLabel ?? "CRM"),
      },
      now,
    );
  }
}

/** Admins hear once about each rep missing from Slack: the outbox key makes it once, ever. */
export async function reportMissing(
  deps: NoticeDeps,
  missing: string[],
  reps: { email: string; name: string; role: string }[],
  now: Date,
) {
  if (missing.length === 0) return;
  const adminIds = await adminChannels(deps, reps);
  if (adminIds.size === 0) {
    deps.logger.warn({ reps: missing }, "reps missing from Slack and no admin in Slack to tell");
    return;
  }
  for (const email of missing) {
    const rep = reps.find((candidate) => candidate.email === email);
    for (const adminId of adminIds) {
      await deps.store.enqueue(
        {
          key: repNotFoundKey(email, adminId),
          kind: "notice",
          channel: adminId,
          payload: repNotFoundNotice(email, rep?.name ?? null),
        },
        now,
      );
    }
  }
}

/** The help desk refused the credentials: each admin hears once, ever (the outbox key makes it so). */
export async function tellDeskRefused(
  deps: Parameters<typeof adminChannels>[0] & { store: Pick<NoticeDeps["store"], "enqueue"> },
  reps: { email: string; role: string }[],
  deskUrl: string,
  now: Date,
): Promise<number> {
  const admins = await adminChannels(deps, reps);
  const payload = supportUnauthorizedNotice(deskUrl);
  for (const adminId of admins)
    await deps.store.enqueue(
      { key: supportUnauthorizedKey(adminId), kind: "notice", channel: adminId, payload },
      now,
    );
  return admins.size;
}

/** Slack ids of the admins: reps whose role is admin, and those the config names (by id or email). */
export async function adminChannels(
  deps: { config: Pick<NoticeDeps["config"], "admins">; directory: Pick<NoticeDeps["directory"], "resolve"> },
  reps: { email: string; role: string }[],
): Promise<Set<string>> {
  const adminEmails = reps.filter((rep) => rep.role === "admin").map((rep) => rep.email);
  const configured = deps.config.admins;
  const adminIds = new Set(configured.filter((admin) => !admin.includes("@")));
  const resolved = await deps.directory.resolve([
    ...adminEmails,
    ...configured.filter((admin) => admin.includes("@")),
  ]);
  for (const id of resolved.values()) if (id) adminIds.add(id);
  return adminIds;
}
