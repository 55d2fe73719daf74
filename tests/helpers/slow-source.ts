// A writable in-memory CRM that can be made slow: while held, every read and write waits until the
// test releases it, standing in for a Salesforce that takes 5 seconds without the test waiting 5.
import type { Snapshot } from "../../src/domain/model.ts";
import type { WriteBackError } from "../../src/errors.ts";
import type { PipelineSource, SourceLoad } from "../../src/sources/source.ts";

export class SlowSource implements PipelineSource {
  readonly name = "slow-crm";
  readonly updates: { oppId: string; nextStep: string; nextStepDate: string }[] = [];
  /** Reads started, and reads and writes still waiting for release(). */
  loads = 0;
  waiting = 0;
  /** The next write is refused by the CRM (a validation rule) or fails (the CRM is down). */
  refuse: WriteBackError | null = null;
  fail: Error | null = null;
  private gate: Promise<void> | null = null;
  private open: () => void = () => {};

  constructor(private readonly data: Snapshot) {}

  /** From now on reads and writes wait until release(). */
  hold(): this {
    this.gate = new Promise((resolve) => {
      this.open = resolve;
    });
    return this;
  }

  release(): void {
    this.gate = null;
    this.open();
  }

  async load(): Promise<SourceLoad> {
    this.loads += 1;
    await this.pass();
    return { snapshot: structuredClone(this.data), issues: [] };
  }

  async updateNextStep(oppId: string, update: { nextStep: string; nextStepDate: string }): Promise<void> {
    await this.pass();
    if (this.fail) throw this.fail;
    if (this.refuse) throw this.refuse;
    this.updates.push({ oppId, ...update });
    const opp = this.data.opportunities.find((candidate) => candidate.id === oppId);
    if (opp) Object.assign(opp, update);
  }

  private async pass(): Promise<void> {
    if (!this.gate) return;
    this.waiting += 1;
    try {
      await this.gate;
    } finally {
      this.waiting -= 1;
    }
  }
}
