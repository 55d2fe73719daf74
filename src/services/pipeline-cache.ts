// Keeps the last snapshot read from the source for a few minutes, so slash commands and the
// minute-by-minute scheduler do not re-read the CRM each time; concurrent callers share one read.
import { evaluatePipeline, type PipelineEvaluation } from "../domain/evaluate.ts";
import type { RecordType } from "../domain/findings.ts";
import { applyPatch, type RecordPatch } from "../domain/fix-fields.ts";
import type { Snapshot } from "../domain/model.ts";
import type { RuleSettings } from "../domain/settings.ts";
import type { Logger } from "../logging.ts";
import type { AvailableFields, PipelineSource, SourceIssue } from "../sources/source.ts";
import { formatIssue } from "../sources/source.ts";

export interface PipelineView {
  snapshot: Snapshot;
  issues: SourceIssue[];
  evaluation: PipelineEvaluation;
  readAt: Date;
  /** The fields the source has (undefined: every field), which turn rules on and off. */
  available?: AvailableFields | undefined;
}

export interface PipelineCacheOptions {
  source: PipelineSource;
  settings: RuleSettings;
  defaultTimezone: string;
  logger: Logger;
  clock: () => Date;
  maxAgeMs?: number;
  /** Fills in what the source left unknown (reps' time zones) before anyone sees the read. */
  complete?: (snapshot: Snapshot) => Promise<Snapshot>;
  /** Told of each read that succeeded, with the snapshot read (before any later write-back). */
  onRead?: (snapshot: Snapshot, readAt: Date) => void;
  /** Told how long each read and evaluation took, and what it found. */
  onScan?: (seconds: number, evaluation: PipelineEvaluation) => void;
}

interface Loaded {
  snapshot: Snapshot;
  issues: SourceIssue[];
  available?: AvailableFields | undefined;
  readAt: Date;
  readMs: number;
}

/** Fields of an opportunity the bot itself wrote back to the CRM. */
export type OpportunityPatch = RecordPatch;

export class PipelineCache {
  private loaded: Loaded | null = null;
  private loading: Promise<Loaded> | null = null;
  /** The read last reported to onScan: each read is reported once. */
  private reportedAt: Date | null = null;
  private evaluated: { minute: number; loaded: Loaded; evaluation: PipelineEvaluation } | null = null;
  private readonly maxAgeMs: number;
  /**
   * Row problems of the latest read: a bad row is logged once while it stays bad, not on every
   * re-read. Only the latest read's are kept, so the set is as big as one read's problems at most.
   */
  private reported = new Set<string>();
  /** Write-backs a read already under way may have missed, by record type and id, in write order. */
  private readonly patches = new Map<
    string,
    { seq: number; recordType: RecordType; id: string; fields: RecordPatch }
  >();
  private patchSeq = 0;
  /** Why the latest read failed; null once one succeeds. */
  private failure: Error | null = null;

  constructor(private readonly options: PipelineCacheOptions) {
    this.maxAgeMs = options.maxAgeMs ?? 5 * 60_000;
  }

  get source(): PipelineSource {
    return this.options.source;
  }

  /**
   * The pipeline evaluated at the current minute; `fresh` re-reads the source first, "cached" reads
   * only when nothing was read yet (schedules that only look for who is due must not spend CRM calls).
   */
  async current(fresh: boolean | "cached" = false): Promise<PipelineView> {
    const now = this.options.clock();
    const usable = this.loaded !== null && (fresh === "cached" || this.isFresh(now));
    const loaded = fresh === true || !usable ? await this.read() : (this.loaded as Loaded);
    return this.evaluate(loaded, now);
  }

  /**
   * The cached pipeline when it is fresh enough to use, without reading the source; null when
   * current() would have to read. For work that must answer Slack within seconds.
   */
  peek(): PipelineView | null {
    const now = this.options.clock();
    return this.isFresh(now) ? this.evaluate(this.loaded as Loaded, now) : null;
  }

  /**
   * Applies a write-back to the cached record, so the next question sees it without re-reading
   * the whole CRM; a read already under way gets it too, as it may have missed the write.
   */
  patchRecord(recordType: RecordType, id: string, fields: RecordPatch): void {
    this.patchSeq += 1;
    const key = `${recordType}:${id}`;
    const earlier = this.patches.get(key)?.fields;
    const patch = { seq: this.patchSeq, recordType, id, fields: { ...earlier, ...fields } };
    this.patches.set(key, patch);
    if (this.loaded) {
      this.loaded = { ...this.loaded, snapshot: withPatch(this.loaded.snapshot, recordType, id, fields) };
    }
  }

  patchOpportunity(oppId: string, fields: OpportunityPatch): void {
    this.patchRecord("opportunity", oppId, fields);
  }

  /**
   * The last read evaluated now, however old, without reading; null before the first read. For
   * pages that must not wait on the CRM (the console).
   */
  lastView(): PipelineView | null {
    return this.loaded ? this.evaluate(this.loaded, this.options.clock()) : null;
  }

  /** Why the latest read failed, while no read since has succeeded; null otherwise. */
  lastFailure(): Error | null {
    return this.failure;
  }

  /** The last snapshot read, however old, without reading: for answers that cannot wait for the CRM. */
  lastRead(): Snapshot | null {
    return this.loaded?.snapshot ?? null;
  }

  private isFresh(now: Date): boolean {
    return this.loaded !== null && now.getTime() - this.loaded.readAt.getTime() <= this.maxAgeMs;
  }

  private evaluate(loaded: Loaded, now: Date): PipelineView {
    const minute = Math.floor(now.getTime() / 60_000);
    if (!this.evaluated || this.evaluated.minute !== minute || this.evaluated.loaded !== loaded) {
      const started = performance.now();
      const evaluation = evaluatePipeline(loaded.snapshot, {
        now,
        settings: this.options.settings,
        defaultTimezone: this.options.defaultTimezone,
        available: loaded.available,
      });
      this.evaluated = { minute, loaded, evaluation };
      // A patched snapshot keeps its read's time: it is the same read, reported once.
      if (loaded.readAt !== this.reportedAt) {
        this.reportedAt = loaded.readAt;
        this.options.onScan?.((loaded.readMs + performance.now() - started) / 1000, evaluation);
      }
    }
    return {
      snapshot: loaded.snapshot,
      issues: loaded.issues,
      readAt: loaded.readAt,
      evaluation: this.evaluated.evaluation,
      available: loaded.available,
    };
  }

  private read() {
    if (!this.loading) {
      const { source, logger, clock } = this.options;
      const patchesBefore = this.patchSeq;
      this.loading = (async () => {
        const started = performance.now();
        const read = await source.load();
        const { issues, available } = read;
        const snapshot = this.options.complete ? await this.options.complete(read.snapshot) : read.snapshot;
        this.report(issues);
        logger.info(
          {
            source: source.name,
            opportunities: snapshot.opportunities.length,
            ms: Math.round(performance.now() - started),
          },
          "pipeline read",
        );
        this.loaded = {
          snapshot: this.withLatePatches(snapshot, patchesBefore),
          issues,
          available,
          readAt: clock(),
          readMs: performance.now() - started,
        };
        this.failure = null;
        this.options.onRead?.(this.loaded.snapshot, this.loaded.readAt);
        return this.loaded;
      })()
        .catch((error: unknown) => {
          this.failure = error instanceof Error ? error : new Error(String(error));
          throw error;
        })
        .finally(() => {
          this.loading = null;
        });
    }
    return this.loading;
  }

  /** Re-applies writes made while the read was under way; older ones the read has already seen. */
  private withLatePatches(snapshot: Snapshot, patchesBefore: number): Snapshot {
    let patched = snapshot;
    for (const [key, patch] of this.patches) {
      if (patch.seq > patchesBefore) patched = withPatch(patched, patch.recordType, patch.id, patch.fields);
      else this.patches.delete(key);
    }
    return patched;
  }

  private report(issues: SourceIssue[]): void {
    const { source, logger } = this.options;
    const latest = new Set(issues.map(formatIssue));
    for (const issue of latest) {
      if (!this.reported.has(issue)) logger.warn({ source: source.name, issue }, "source row problem");
    }
    this.reported = latest;
  }
}

function withPatch(snapshot: Snapshot, recordType: RecordType, id: string, fields: RecordPatch): Snapshot {
  if (recordType === "account") {
    const index = snapshot.accounts.findIndex((account) => account.id === id);
    const found = snapshot.accounts[index];
    if (!found) return snapshot;
    const accounts = [...snapshot.accounts];
    accounts[index] = applyPatch(found, fields);
    return { ...snapshot, accounts };
  }
  const index = snapshot.opportunities.findIndex((opp) => opp.id === id);
  const found = snapshot.opportunities[index];
  if (!found) return snapshot;
  const opportunities = [...snapshot.opportunities];
  opportunities[index] = applyPatch(found, fields);
  return { ...snapshot, opportunities };
}
