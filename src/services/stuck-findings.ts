// The stuck findings of some reps, from the finding history, each rep's calendar and pause: what
// the manager's weekly digest and the console's Team page list.
import type { CalendarSettings } from "../domain/calendar.ts";
import { addDays, localDate } from "../domain/dates.ts";
import type { OwnerEvaluation } from "../domain/evaluate.ts";
import type { IsoDate } from "../domain/model.ts";
import { type StuckListing, stuckFindings } from "../domain/stuck.ts";
import type { HistoryStore } from "../store/history-store.ts";
import type { QuietStore } from "../store/quiet-store.ts";

export interface StuckDeps {
  history: Pick<HistoryStore, "openNudgedBy">;
  pauses: Pick<QuietStore, "listPauses">;
  settings: CalendarSettings;
  /** `effectiveness.escalateAfterWorkingDays`. */
  after: number;
}

/** The stuck findings of these owners (as the last read evaluated them), in the owners' order. */
export async function stuckOf(deps: StuckDeps, owners: readonly OwnerEvaluation[]): Promise<StuckListing[]> {
  if (owners.length === 0) return [];
  // A finding stuck for N working days was nudged at least N days before its owner's today.
  const latest = owners.map((owner) => owner.today).sort()[owners.length - 1] as IsoDate;
  const open = await deps.history.openNudgedBy(addDays(latest, -deps.after));
  if (open.length === 0) return [];
  const earliest = open.reduce<IsoDate>(
    (day, e) => (e.nudgedOn && e.nudgedOn < day ? e.nudgedOn : day),
    latest,
  );
  const pauses = new Map((await deps.pauses.listPauses(earliest)).map((pause) => [pause.rep, pause]));
  const records = new Map(
    owners.map((owner) => [
      owner.owner.toLowerCase(),
      new Map(owner.records.map((group, index) => [group.record.id, { index, name: group.record.name }])),
    ]),
  );
  const stuck = stuckFindings({
    open,
    settings: deps.settings,
    after: deps.after,
    reps: owners.map((owner) => {
      const email = owner.owner.toLowerCase();
      const pause = pauses.get(email);
      const own = records.get(email);
      return {
        email,
        rep: owner.rep,
        today: owner.today,
        pause: pause
          ? { from: localDate(pause.createdAt, owner.rep?.timezone ?? "UTC"), until: pause.until }
          : null,
        order: (recordId: string) => own?.get(recordId)?.index ?? Number.MAX_SAFE_INTEGER,
      };
    }),
  });
  const byEmail = new Map(owners.map((owner) => [owner.owner.toLowerCase(), owner]));
  return stuck.map((rep) => {
    const own = records.get(rep.email);
    return {
      email: rep.email,
      name: byEmail.get(rep.email)?.rep?.name ?? rep.email,
      more: rep.more,
      findings: rep.findings.map((f) => ({ ...f, recordName: own?.get(f.recordId)?.name ?? f.recordId })),
    };
  });
}
