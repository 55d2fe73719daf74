// The incremental-read cache every CRM shares: the last read kept raw, keyed by record id, so the
// changes read after it merge in; a full read at least every 12 hours, so deletions and ownership
// moves show up.

/** Records are re-read in full at least this often. */
export const FULL_READ_EVERY_MS = 12 * 60 * 60_000;

export type RawRecord = Record<string, unknown>;

export interface CachedRead<K extends string, E> {
  records: Record<K, Map<string, RawRecord>>;
  /** What else the read brought (rates, owners …), kept as it is between full reads. */
  extra: E;
  startedAt: Date;
  fullAt: Date;
}

export interface ReadCounts {
  full: number;
  incremental: number;
  /** Loads answered from the last read because reads were paused. */
  paused: number;
}

export class ReadCache<K extends string, E> {
  last: CachedRead<K, E> | null = null;
  readonly counts: ReadCounts = { full: 0, incremental: 0, paused: 0 };

  constructor(
    /** Changes made while a read runs (or not yet searchable) may be stamped earlier: read this far back. */
    private readonly overlapMs: number,
    private readonly fullReadEveryMs = FULL_READ_EVERY_MS,
  ) {}

  /** Whether the read starting now may be incremental, and the time it reads changes from. */
  plan(startedAt: Date, preferIncremental: boolean): { incremental: boolean; since: Date | undefined } {
    const last = this.last;
    const incremental =
      preferIncremental &&
      last !== null &&
      startedAt.getTime() - last.fullAt.getTime() < this.fullReadEveryMs;
    return {
      incremental,
      since: incremental && last ? new Date(last.startedAt.getTime() - this.overlapMs) : undefined,
    };
  }

  /** Keeps a read: a full one replaces the last, changes merge into it by id. */
  keep(
    startedAt: Date,
    incremental: boolean,
    read: Record<K, RawRecord[]>,
    idOf: (record: RawRecord) => string,
    extra: E,
  ): CachedRead<K, E> {
    const last = incremental ? this.last : null;
    const records = {} as Record<K, Map<string, RawRecord>>;
    for (const key of Object.keys(read) as K[]) {
      const byId = new Map(last?.records[key]);
      for (const record of read[key]) byId.set(idOf(record), record);
      records[key] = byId;
    }
    this.last = { records, extra, startedAt, fullAt: last ? last.fullAt : startedAt };
    if (incremental) this.counts.incremental += 1;
    else this.counts.full += 1;
    return this.last;
  }
}
