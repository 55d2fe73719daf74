// Keeps the last snapshot read from the source for a few minutes, so slash commands and the
// minute-by-minute scheduler do not re-read the CRM each time; concurrent callers share one read.
import { evaluatePipeline, type PipelineEvaluation } from "../domain/evaluate.ts";
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
}

export interface PipelineCacheOptions {
  source: PipelineSource;
  settings: RuleSettings;
  defaultTimezone: string;
  logger: Logger;
  clock: () => Date;
  maxAgeMs?: number;
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

export class PipelineCache {
  private loaded: Loaded | null = null;
  private loading: Promise<Loaded> | null = null;
  /** The read last reported to onScan: each read is reported once. */
  private reportedAt: Date | null = null;
  private evaluated: { minute: number; readAt: Date; evaluation: PipelineEvaluation } | null = null;
  private readonly maxAgeMs: number;
  /** Row problems already logged: a bad row is reported once, not on every re-read. */
  private readonly reported = new Set<string>();

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
    const stale =
      !this.loaded || (fresh !== "cached" && now.getTime() - this.loaded.readAt.getTime() > this.maxAgeMs);
    const loaded =
      fresh === true || stale ? await this.read() : (this.loaded as NonNullable<typeof this.loaded>);
    const minute = Math.floor(now.getTime() / 60_000);
    if (!this.evaluated || this.evaluated.minute !== minute || this.evaluated.readAt !== loaded.readAt) {
      const started = performance.now();
      const evaluation = evaluatePipeline(loaded.snapshot, {
        now,
        settings: this.options.settings,
        defaultTimezone: this.options.defaultTimezone,
        available: loaded.available,
      });
      this.evaluated = { minute, readAt: loaded.readAt, evaluation };
      if (loaded.readAt !== this.reportedAt) {
        this.reportedAt = loaded.readAt;
        this.options.onScan?.((loaded.readMs + performance.now() - started) / 1000, evaluation);
      }
    }
    return { ...loaded, evaluation: this.evaluated.evaluation };
  }

  /** Forget the snapshot, e.g. after a write-back changed a record. */
  invalidate(): void {
    this.loaded = null;
    this.evaluated = null;
  }

  private read() {
    if (!this.loading) {
      const { source, logger, clock } = this.options;
      this.loading = (async () => {
        const started = performance.now();
        const { snapshot, issues, available } = await source.load();
        for (const issue of issues.map(formatIssue)) {
          if (this.reported.has(issue)) continue;
          this.reported.add(issue);
          logger.warn({ source: source.name, issue }, "source row problem");
        }
        logger.info(
          {
            source: source.name,
            opportunities: snapshot.opportunities.length,
            ms: Math.round(performance.now() - started),
          },
          "pipeline read",
        );
        this.loaded = { snapshot, issues, available, readAt: clock(), readMs: performance.now() - started };
        return this.loaded;
      })().finally(() => {
        this.loading = null;
      });
    }
    return this.loading;
  }
}
