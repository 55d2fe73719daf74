// Whether a Slack user is on the sales team, for what is shared with the team channel: checked
// before a modal opens and again when it is submitted. Both happen inside Slack's 3 seconds (a
// trigger id's life, a submission's ack), so the answer comes from the last pipeline read (reps
// change rarely) and the whole check has a time budget.
import { isTeamMember, makeViewer } from "../../services/access.ts";
import { TEAM_CHECK_PENDING, type TeamOnlyThing, teamOnlyError } from "../views/team-only.ts";
import type { ListenerServices } from "./services.ts";

export type Membership = "member" | "outsider" | "unknown";

/** Before a modal opens: a slower answer opens it anyway, and the submission decides. */
export const BEFORE_MODAL_MS = 1_500;
/** At a submission, which must be acknowledged within 3 seconds with the answer. */
export const AT_SUBMIT_MS = 2_000;

/**
 * "unknown" when the answer did not come within `budgetMs`. Before a modal, nothing waits for a
 * CRM read: when nothing has been read since start, the read starts in the background (the
 * scheduler does the same each minute) and the modal opens; the submission, moments later, has
 * the answer. A failed lookup is thrown, so the app's error handler logs it and tells the user,
 * except before a modal, where the modal opens anyway and the submission meets the same failure.
 */
export async function membership(
  services: ListenerServices,
  userId: string,
  options: { budgetMs: number; beforeModal?: boolean },
): Promise<Membership> {
  const { pipeline, directory } = services;
  const decide = async (): Promise<Membership> => {
    let snapshot = pipeline.lastRead();
    if (!snapshot) {
      const reading = pipeline.current();
      if (options.beforeModal) {
        reading.catch(() => undefined); // the scheduler reports a failing read
        return "unknown";
      }
      snapshot = (await reading).snapshot;
    }
    const email = await directory.emailOf(userId);
    const viewer = makeViewer(userId, email, snapshot.reps, services.config.admins);
    return isTeamMember(viewer) ? "member" : "outsider";
  };
  const check = options.beforeModal ? decide().catch((): Membership => "unknown") : decide();
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<Membership>((resolve) => {
    timer = setTimeout(() => resolve("unknown"), options.budgetMs);
  });
  try {
    return await Promise.race([check, late]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * The inline error that refuses a submission from outside the team (or asks to submit again when
 * the check could not answer in time), shown on `field`; null when the submitter is on the team.
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
