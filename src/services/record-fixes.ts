// The fix behind a digest button: what its modal may offer one viewer for one record (only the
// fields the CRM lets the bot write), and the save, which re-reads the record, writes through the
// source port and patches the cached pipeline. Never throws: outcomes say what the person sees.
import type { Config } from "../config/config.ts";
import { localDate } from "../domain/dates.ts";
import type { RecordFindings } from "../domain/evaluate.ts";
import type { RecordType, RuleId } from "../domain/findings.ts";
import {
  currentValue,
  type FixField,
  type FixFieldName,
  type FixRecord,
  fieldsOfFix,
  fixField,
  OPEN_ONLY_FIXES,
  type RecordPatch,
  TIER_CHOICES,
  toPatch,
} from "../domain/fix-fields.ts";
import { type FixErrors, validateFix } from "../domain/fix-validation.ts";
import type { FixKind } from "../domain/fixes.ts";
import { makeVaguenessCheck } from "../domain/rules/next-step-rules.ts";
import { RecordGoneError, WriteBackError } from "../errors.ts";
import type { Logger } from "../logging.ts";
import type { FixValue } from "../messages/ids.ts";
import { makeViewer, type Viewer } from "./access.ts";
import type { Directory } from "./directory.ts";
import { mayChange } from "./nudge-service.ts";
import type { PipelineCache, PipelineView } from "./pipeline-cache.ts";

/** What a fix modal shows and sends back in its metadata; `initial` is the record's values now. */
export interface FixForm {
  kind: FixKind;
  recordType: RecordType;
  recordId: string;
  /** "Northwind - Premium New · 3-Technical Evaluation". */
  heading: string;
  /** The owner when the form opened: a record reassigned since is not written. */
  owner: string;
  /** The owner's timezone: "today" for date checks. */
  tz: string;
  /** SMB accounts: a tier needs its details in the same save. */
  tierDetails: boolean;
  fields: FixFieldName[];
  choices: Partial<Record<FixFieldName, string[]>>;
  initial: Partial<Record<FixFieldName, string>>;
  /** Fields of this fix the bot may not write, and where to change them. */
  elsewhere: { label: string; where: string }[];
}

export type FixTarget =
  | { status: "ready"; form: FixForm }
  /** The source cannot be written (CSV): where to change each field. */
  | { status: "read-only"; kind: FixKind; heading: string; where: { label: string; where: string }[] }
  /** The CRM lets the bot write none of the fix's fields. */
  | { status: "not-updateable"; kind: FixKind; heading: string; where: { label: string; where: string }[] }
  | { status: "open-in-crm"; heading: string; rule: RuleId | null; url: string | null; crm: string }
  | { status: "nothing-to-fill"; kind: FixKind; heading: string }
  | { status: "closed"; kind: FixKind; heading: string }
  | { status: "missing"; kind: FixKind }
  | { status: "forbidden"; kind: FixKind }
  | { status: "failed"; kind: FixKind };

/** How a save ended. `changed`: the record is not what the form was opened on, nothing written. */
export type FixOutcome =
  | { status: "saved"; patch: RecordPatch }
  | { status: "refused"; field: FixFieldName | null; message: string }
  | { status: "failed" }
  | { status: "changed"; change: "gone" | "reassigned" | "closed" }
  | { status: "forbidden" }
  | { status: "read-only" };

export interface RecordFixDeps {
  pipeline: PipelineCache;
  directory: Directory;
  config: Pick<Config, "admins" | "defaultTimezone" | "rules">;
  logger: Logger;
  clock: () => Date;
}

type Found = FixRecord & { group: RecordFindings | null };

function findRecord(view: PipelineView, recordType: RecordType, id: string): Found | null {
  const group =
    [...view.evaluation.owners.values()]
      .flatMap((owner) => owner.records)
      .find((candidate) => candidate.recordType === recordType && candidate.record.id === id) ?? null;
  if (recordType === "account") {
    const record = view.snapshot.accounts.find((account) => account.id === id);
    return record ? { recordType, record, group } : null;
  }
  const record = view.snapshot.opportunities.find((opp) => opp.id === id);
  return record ? { recordType, record, group } : null;
}

function headingOf(found: FixRecord): string {
  if (found.recordType === "account") return `${found.record.name} · account`;
  const { record } = found;
  return `${record.name} · ${record.isClosed ? `closed on ${record.closeDate}` : record.stage}`;
}

const OPEN_IN_CRM_RULES: readonly RuleId[] = ["activity-missing", "segment-mismatch", "possible-duplicate"];

export class RecordFixService {
  private readonly isVague: (text: string) => boolean;

  constructor(private readonly deps: RecordFixDeps) {
    this.isVague = makeVaguenessCheck(deps.config.rules.vaguePhrases, deps.config.rules.minNextStepWords);
  }

  /** The modal's content from the cached pipeline alone; null when that would need a CRM read. */
  async targetNow(userId: string, fix: FixValue): Promise<FixTarget | null> {
    const view = this.deps.pipeline.peek();
    if (!view) return null;
    return this.target(await this.viewerOf(userId, view), view, fix);
  }

  /** The same, reading the CRM when the cache is stale; a failed read is logged and reported. */
  async targetRead(userId: string, fix: FixValue): Promise<FixTarget> {
    try {
      const view = await this.deps.pipeline.current();
      return await this.target(await this.viewerOf(userId, view), view, fix);
    } catch (error) {
      this.deps.logger.error({ err: error, fix, user: userId }, "could not read the pipeline for a fix");
      return { status: "failed", kind: fix.kind };
    }
  }

  /** Checks what was typed, synchronously (the modal's answer cannot wait for the CRM). */
  validate(
    form: Pick<FixForm, "fields" | "tz" | "choices" | "tierDetails">,
    values: Partial<Record<string, string | null>>,
  ): FixErrors {
    return validateFix(this.fieldsOf(form), values, {
      today: localDate(this.deps.clock(), form.tz),
      isVague: this.isVague,
      choices: form.choices,
      tierDetails: form.tierDetails,
    });
  }

  /** The form's fields, as the domain describes them. */
  fieldsOf(form: Pick<FixForm, "fields">): FixField[] {
    return form.fields.map(fixField);
  }

  /**
   * Re-reads the record, and writes the validated values when it is still the one the form was
   * opened on and the viewer may change it; then patches the cached pipeline.
   */
  async save(
    userId: string,
    form: Omit<FixForm, "initial">,
    values: Partial<Record<string, string | null>>,
  ): Promise<FixOutcome> {
    const { pipeline, logger } = this.deps;
    const log = { kind: form.kind, recordType: form.recordType, recordId: form.recordId, user: userId };
    try {
      const view = await this.freshView();
      const found = findRecord(view, form.recordType, form.recordId);
      if (!found) return { status: "changed", change: "gone" };
      if (found.record.ownerEmail.toLowerCase() !== form.owner)
        return { status: "changed", change: "reassigned" };
      const viewer = await this.viewerOf(userId, view);
      if (!mayChange(viewer, found.record, view)) return { status: "forbidden" };
      if (found.recordType === "opportunity" && found.record.isClosed && OPEN_ONLY_FIXES.has(form.kind))
        return { status: "changed", change: "closed" };
      const source = pipeline.source;
      if (!source.updateRecord) return { status: "read-only" };
      const patch = toPatch(this.fieldsOf(form), values);
      await source.updateRecord(form.recordType, form.recordId, patch);
      pipeline.patchRecord(form.recordType, form.recordId, patch);
      logger.info(log, "fix written back");
      return { status: "saved", patch };
    } catch (error) {
      if (error instanceof RecordGoneError) return { status: "changed", change: "gone" };
      if (error instanceof WriteBackError) {
        const field = form.fields.find((name) => name === error.field) ?? null;
        logger.info({ ...log, err: error.message }, "the CRM refused a fix");
        return { status: "refused", field, message: error.message };
      }
      logger.error({ ...log, err: error }, "fix write-back failed");
      return { status: "failed" };
    }
  }

  /**
   * The pipeline re-read before a write, reading only what changed where the source can tell: a
   * record closed or given to someone else shows up; a deleted one is refused by the write itself.
   */
  private async freshView(): Promise<PipelineView> {
    const { pipeline } = this.deps;
    pipeline.source.preferIncremental?.(true);
    try {
      return await pipeline.current(true);
    } finally {
      pipeline.source.preferIncremental?.(false);
    }
  }

  private async viewerOf(userId: string, view: PipelineView): Promise<Viewer> {
    const email = await this.deps.directory.emailOf(userId);
    return makeViewer(userId, email, view.snapshot.reps, this.deps.config.admins);
  }

  private async target(viewer: Viewer, view: PipelineView, fix: FixValue): Promise<FixTarget> {
    const { kind } = fix;
    const found = findRecord(view, fix.recordType, fix.recordId);
    if (!found) return { status: "missing", kind };
    if (!mayChange(viewer, found.record, view)) return { status: "forbidden", kind };
    const heading = headingOf(found);
    const source = this.deps.pipeline.source;
    if (kind === "open-in-crm") {
      const rule = found.group?.findings.find((finding) => OPEN_IN_CRM_RULES.includes(finding.rule))?.rule;
      const url = found.recordType === "opportunity" ? (found.record.url ?? null) : null;
      const crm = source.linkLabel ?? "your CRM";
      return { status: "open-in-crm", heading, rule: rule ?? null, url, crm };
    }
    if (found.recordType === "opportunity" && found.record.isClosed && OPEN_ONLY_FIXES.has(kind))
      return { status: "closed", kind, heading };
    const fullPlan =
      found.group?.findings.some((finding) => finding.rule === "command-plan-incomplete") ?? false;
    const has = (name: string) => view.available?.fields.has(`${fix.recordType}.${name}`) ?? true;
    const fields = fieldsOfFix(kind, found, fullPlan).filter((field) => has(field.name));
    if (fields.length === 0) return { status: "nothing-to-fill", kind, heading };
    if (!source.updateRecord) {
      const where = fields.map((field) => ({
        label: field.label,
        where: source.whereToChange?.(fix.recordType, field.name) ?? "your CRM",
      }));
      return { status: "read-only", kind, heading, where };
    }
    const access = source.writeAccess ? await source.writeAccess() : null;
    const key = (name: string) => `${fix.recordType}.${name}`;
    const offered = fields.filter((field) => access?.updateable(key(field.name)) ?? true);
    const elsewhere = fields
      .filter((field) => !offered.includes(field))
      .map((field) => ({ label: field.label, where: access?.whereToChange(key(field.name)) ?? "your CRM" }));
    if (offered.length === 0) return { status: "not-updateable", kind, heading, where: elsewhere };
    const choices: FixForm["choices"] = {};
    const initial: FixForm["initial"] = {};
    for (const field of offered) {
      const listed = field.name === "tier" ? [...TIER_CHOICES] : access?.choices(key(field.name));
      if (field.input === "choice" && listed) choices[field.name] = listed;
      const value = currentValue(found, field.name);
      if (value !== null) initial[field.name] = value;
    }
    const owner = found.record.ownerEmail.toLowerCase();
    const tz =
      view.snapshot.reps.find((rep) => rep.email.toLowerCase() === owner)?.timezone ??
      this.deps.config.defaultTimezone;
    return {
      status: "ready",
      form: {
        kind,
        recordType: fix.recordType,
        recordId: fix.recordId,
        heading,
        owner,
        tz,
        tierDetails: found.recordType === "account" && found.record.segment === "SMB",
        fields: offered.map((field) => field.name),
        choices,
        initial,
        elsewhere,
      },
    };
  }
}
