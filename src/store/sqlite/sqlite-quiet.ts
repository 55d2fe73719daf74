// Pauses and Slack links in SQLite.
import type Database from "better-sqlite3";
import type { IsoDate } from "../../domain/model.ts";
import type { Pause, SlackLink } from "../quiet-store.ts";

interface PauseRow {
  rep_email: string;
  until_date: string;
  paused_by: string;
  created_at: string;
}

interface LinkRow {
  crm_email: string;
  user_id: string;
  linked_by: string;
  linked_at: string;
}

export const toPause = (row: PauseRow): Pause => ({
  rep: row.rep_email,
  until: row.until_date,
  pausedBy: row.paused_by,
  createdAt: new Date(row.created_at),
});

export const toLink = (row: LinkRow): SlackLink => ({
  crmEmail: row.crm_email,
  userId: row.user_id,
  linkedBy: row.linked_by,
  linkedAt: new Date(row.linked_at),
});

export class SqliteQuiet {
  constructor(private readonly db: Database.Database) {}

  savePause(pause: Pause): void {
    this.db
      .prepare(
        `INSERT INTO pauses (rep_email, until_date, paused_by, created_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (rep_email) DO UPDATE SET until_date = excluded.until_date,
           paused_by = excluded.paused_by, created_at = excluded.created_at`,
      )
      .run(pause.rep, pause.until, pause.pausedBy, pause.createdAt.toISOString());
  }

  deletePause(rep: string): boolean {
    return this.db.prepare("DELETE FROM pauses WHERE rep_email = ?").run(rep).changes > 0;
  }

  listPauses(from: IsoDate): Pause[] {
    const rows = this.db
      .prepare("SELECT * FROM pauses WHERE until_date >= ? ORDER BY rep_email")
      .all(from) as PauseRow[];
    return rows.map(toPause);
  }

  saveSlackLink(link: SlackLink): void {
    this.db
      .prepare(
        `INSERT INTO slack_links (crm_email, user_id, linked_by, linked_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (crm_email) DO UPDATE SET user_id = excluded.user_id,
           linked_by = excluded.linked_by, linked_at = excluded.linked_at`,
      )
      .run(link.crmEmail, link.userId, link.linkedBy, link.linkedAt.toISOString());
  }

  listSlackLinks(): SlackLink[] {
    return (this.db.prepare("SELECT * FROM slack_links ORDER BY crm_email").all() as LinkRow[]).map(toLink);
  }
}
