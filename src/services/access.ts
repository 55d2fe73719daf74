// Who is asking, and what they may see: reps their own records, managers their reps', admins all.
import type { OwnerEvaluation, PipelineEvaluation } from "../domain/evaluate.ts";
import type { Rep } from "../domain/model.ts";
import { membersOf } from "./team-scorecards.ts";

export interface Viewer {
  userId: string;
  email: string | null;
  rep: Rep | null;
  isAdmin: boolean;
  isManager: boolean;
}

export function makeViewer(
  userId: string,
  email: string | null,
  reps: Rep[],
  configAdmins: string[],
): Viewer {
  const rep = email ? (reps.find((candidate) => candidate.email.toLowerCase() === email) ?? null) : null;
  const named = configAdmins.map((admin) => admin.toLowerCase());
  const isAdmin =
    rep?.role === "admin" ||
    named.includes(userId.toLowerCase()) ||
    (email !== null && named.includes(email));
  return { userId, email, rep, isAdmin, isManager: rep?.role === "manager" };
}

/**
 * Whether the viewer belongs to the sales team the bot serves: a rep, manager or admin of the
 * pipeline, or an admin named in the config. Only they share trip notes and Give Back projects in
 * the team channel and answer adoption check-ins, so the rest of the workspace cannot post there
 * through the bot or skew adoption.
 */
export function isTeamMember(viewer: Viewer): boolean {
  return viewer.rep !== null || viewer.isAdmin;
}

/** The owners whose findings the viewer may see in a team view, in email order. */
export function teamOf(viewer: Viewer, evaluation: PipelineEvaluation): OwnerEvaluation[] {
  const owners = [...evaluation.owners.values()];
  if (viewer.isAdmin) return owners;
  if (viewer.isManager && viewer.rep) return membersOf(viewer.rep, evaluation);
  return [];
}

/** The viewer's own evaluation, when they own records or are a rep. */
export function ownEvaluation(viewer: Viewer, evaluation: PipelineEvaluation): OwnerEvaluation | null {
  return viewer.email ? (evaluation.owners.get(viewer.email) ?? null) : null;
}
