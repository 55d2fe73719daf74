// Whether a Slack user is on the sales team, for what is shared with the team channel. Checked
// before a modal opens, within a budget because its trigger id lives 3 seconds, and again when it
// is submitted, where the answer is final.
import { isTeamMember } from "../../services/access.ts";
import { TEAM_CHECK_PENDING, type TeamOnlyThing, teamOnlyError } from "../views/team-only.ts";
import type { ListenerServices } from "./services.ts";

export type Membership = "member" | "outsider" | "unknown";

/** Before a modal opens: a slower answer opens it anyway, and the submission decides. */
export const BEFORE_MODAL_MS = 1_500;
/** At a submission, which must be acknowledged within 3 seconds with the answer. */
export const AT_SUBMIT_MS = 2_000;

/**
 * "unknown" when the pipeline or Slack could not say within `budgetMs` (when given). A failure is thrown, so
 * the app's error handler logs it and tells the user, except `beforeModal`, where the modal opens
 * anyway and the submission meets the same failure.
 */
export async function membership(
  services: ListenerServices,
  userId: string,
  options: { budgetMs?: number; beforeModal?: boolean } = {},
): Promise<Membership> {
  const answer = services.nudge
    .viewer(userId)
    .then(({ viewer }): Membership => (isTeamMember(viewer) ? "member" : "outsider"));
  const check = options.beforeModal ? answer.catch((): Membership => "unknown") : answer;
  const { budgetMs } = options;
  if (budgetMs === undefined) return check;
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<Membership>((resolve) => {
    timer = setTimeout(() => resolve("unknown"), budgetMs);
  });
  try {
    return await Promise.race([check, late]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * The inline error that refuses a submission from outside the team (or asks to submit again when
 * the check ran out of time), shown on `field`; null when the submitter is on the team.
 */
export async function submitterErrors(
  services: ListenerServices,
  userId: string,
  field: string,
  thing: TeamOnlyThing,
): Promise<Record<string, string> | null> {
  const member = await membership(services, userId, { budgetMs: AT_SUBMIT_MS });
  if (member === "member") return null;
  return { [field]: member === "outsider" ? teamOnlyError(thing) : TEAM_CHECK_PENDING };
}
