// The reps as the CRM last said (names, roles, managers), for answers that must not wait on the CRM
// (the console): the pipeline's last read, else the roster kept in the store by a read before the
// last restart. Each read that changes the roster is kept, so a restart finds it there.
import type { Rep, Snapshot } from "../domain/model.ts";
import type { Logger } from "../logging.ts";
import type { RosterStore, StoredRoster } from "../store/roster-store.ts";
import type { PipelineCache } from "./pipeline-cache.ts";

export interface KnownRoster {
  reps: Rep[];
  /** True when it comes from the store (kept before a restart), not from a read of this process. */
  stored: boolean;
}

export interface KnownRepsDeps {
  store: { roster: RosterStore };
  pipeline: Pick<PipelineCache, "lastRead">;
  logger: Logger;
}

export class KnownReps {
  /** What this process last kept, as written: a read with the same reps writes nothing. */
  private kept: string | null = null;
  /** The store's roster, read once: until this process reads the CRM, it does not change. */
  private stored: Promise<StoredRoster | null> | null = null;

  constructor(private readonly deps: KnownRepsDeps) {}

  /** Keeps the reps of a read that just finished, when they differ from what was kept. */
  async remember(snapshot: Snapshot, readAt: Date): Promise<void> {
    const written = JSON.stringify(snapshot.reps);
    if (written === this.kept) return;
    try {
      await this.deps.store.roster.saveRoster({ reps: snapshot.reps, readAt });
      this.kept = written;
    } catch (error) {
      // Only a restart needs it: the read itself stands, and the next read tries again.
      this.deps.logger.warn({ err: error }, "could not keep the CRM's reps in the store");
    }
  }

  /** The reps as last read by this process, else as kept in the store; null when neither has any. */
  async current(): Promise<KnownRoster | null> {
    const snapshot = this.deps.pipeline.lastRead();
    if (snapshot) return { reps: snapshot.reps, stored: false };
    this.stored ??= this.deps.store.roster.lastRoster().catch((error: unknown) => {
      this.deps.logger.warn({ err: error }, "could not read the CRM's reps kept in the store");
      this.stored = null; // asked again next time
      return null;
    });
    const roster = await this.stored;
    return roster ? { reps: roster.reps, stored: true } : null;
  }
}
