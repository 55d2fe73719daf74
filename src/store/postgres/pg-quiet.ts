// Pauses and Slack links in PostgreSQL.
import type { IsoDate } from "../../domain/model.ts";
import type { Pause, SlackLink } from "../quiet-store.ts";
import { toLink, toPause } from "../sqlite/sqlite-quiet.ts";
import type { Queryable } from "./pg-outbox.ts";

export async function savePause(db: Queryable, pause: Pause): Promise<void> {
  await db.query(
    `INSERT INTO pauses (rep_email, until_date, paused_by, created_at) VALUES ($1, $2, $3, $4)
     ON CONFLICT (rep_email) DO UPDATE SET until_date = excluded.until_date,
       paused_by = excluded.paused_by, created_at = excluded.created_at`,
    [pause.rep, pause.until, pause.pausedBy, pause.createdAt.toISOString()],
  );
}

export async function deletePause(db: Queryable, rep: string): Promise<boolean> {
  const result = await db.query("DELETE FROM pauses WHERE rep_email = $1", [rep]);
  return (result.rowCount ?? 0) > 0;
}

export async function listPauses(db: Queryable, from: IsoDate): Promise<Pause[]> {
  const result = await db.query("SELECT * FROM pauses WHERE until_date >= $1 ORDER BY rep_email", [from]);
  return result.rows.map(toPause);
}

export async function saveSlackLink(db: Queryable, link: SlackLink): Promise<void> {
  await db.query(
    `INSERT INTO slack_links (crm_email, user_id, linked_by, linked_at) VALUES ($1, $2, $3, $4)
     ON CONFLICT (crm_email) DO UPDATE SET user_id = excluded.user_id,
       linked_by = excluded.linked_by, linked_at = excluded.linked_at`,
    [link.crmEmail, link.userId, link.linkedBy, link.linkedAt.toISOString()],
  );
}

export async function listSlackLinks(db: Queryable): Promise<SlackLink[]> {
  const result = await db.query("SELECT * FROM slack_links ORDER BY crm_email");
  return result.rows.map(toLink);
}
