// Whose figures a console page shows: admins everyone, managers the reps who report to them and
// themselves. From the CRM snapshot the bot already has, else the reps kept in the store by a read
// before a restart: a page never starts a CRM read (a slow CRM would hold it), and when it knows no
// reps at all, or the last read failed, it still renders and says so.
import type { Rep } from "../../domain/model.ts";
import type { Viewer } from "../../services/access.ts";
import type { PipelineCache, PipelineView } from "../../services/pipeline-cache.ts";

export interface Scope {
  /** "everyone", or "the team of Mia Manager". */
  label: string;
  /** Lower-case emails whose figures the viewer may see; null for everyone. */
  owners: ReadonlySet<string> | null;
  /** The pipeline as last read, or null when the CRM could not be read. */
  view: PipelineView | null;
  /** A sentence for the top of the page when the CRM could not be read; null when it was. */
  problem: string | null;
  /** A person's name from the CRM, or their email when the CRM does not know it (or was not read). */
  nameOf(email: string): string;
  /** Whether the viewer may see this person's figures. */
  sees(email: string): boolean;
  /** The people the scope covers, from the CRM: everyone's reps, or the manager's team. */
  reps: Rep[];
  /** Whether the CRM's reps are known (read by this process or kept from an earlier read). */
  repsKnown: boolean;
}

/** `kept`: the reps a read before the last restart left in the store, null when there are none. */
export function scopeOf(
  viewer: Viewer,
  pipeline: Pick<PipelineCache, "lastView" | "lastFailure">,
  kept: Rep[] | null = null,
): Scope {
  const view: PipelineView | null = pipeline.lastView();
  let problem: string | null = null;
  const failure = view ? null : pipeline.lastFailure();
  if (failure) {
    const detail = viewer.isAdmin ? ` (${failure.message})` : "";
    problem = kept
      ? `The CRM could not be read just now${detail}: names and teams are as it was last read. ` +
        "The bot reads it again within a minute; reload the page then."
      : `The CRM could not be read just now${detail}, so names and team membership are unknown: ` +
        "figures are shown by email where possible. The bot reads it again within a minute; reload the page then.";
  } else if (!view && !kept) {
    problem =
      "The CRM has not been read yet: the first scan reads it within a minute or so of the bot starting. " +
      "Until then names and team membership are unknown; reload the page in a minute.";
  }
  const reps = view?.snapshot.reps ?? kept ?? [];
  const repsKnown = view !== null || kept !== null;
  const names = new Map(reps.map((rep) => [rep.email.toLowerCase(), rep.name]));
  const nameOf = (email: string) => names.get(email.toLowerCase()) ?? email;
  if (viewer.isAdmin) {
    return { label: "everyone", owners: null, view, problem, nameOf, sees: () => true, reps, repsKnown };
  }
  const manager = viewer.rep;
  const managerEmail = manager?.email.toLowerCase() ?? "";
  const team = reps.filter(
    (rep) => rep.email.toLowerCase() === managerEmail || rep.managerEmail?.toLowerCase() === managerEmail,
  );
  // Without the CRM a manager's team is unknown: they see no one's figures rather than everyone's.
  const owners = new Set(team.map((rep) => rep.email.toLowerCase()));
  return {
    label: `the team of ${manager?.name ?? viewer.email ?? viewer.userId}`,
    owners,
    view,
    problem,
    nameOf,
    sees: (email) => owners.has(email.toLowerCase()),
    reps: team,
    repsKnown,
  };
}
