// A writable in-memory CRM that can be made slow: while held, every read and write waits until the
// test releases it, standing in for a Salesforce that takes 5 seconds without the test waiting 5.
import type { RecordType } from "../../src/domain/findings.ts";
import { applyPatch, type RecordPatch } from "../../src/domain/fix-fields.ts";
import type { Snapshot } from "../../src/domain/model.ts";
import type { WriteBackError } from "../../src/errors.ts";
import type { PipelineSource, SourceLoad } from "../../src/sources/source.ts";

export class SlowSource implements PipelineSource {
  readonly name = "slow-crm";
  readonly updates: { recordType: RecordType; id: string; patch: RecordPatch }[] = [];
  /** Reads started, and reads and writes still waiting for release(). */
  loads = 0;
  waiting = 0;
  /** The next write is refused by the CRM (a validation rule) or fails (the CRM is down). */
  refuse: WriteBackError | null = null;
  fail: Error | null = null;
  private gate: Promise<void> | null = null;
  private open: () => void = () => {};

  constructor(private data: Snapshot) {}

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

  async updateRecord(recordType: RecordType, id: string, patch: RecordPatch): Promise<void> {
    await this.pass();
    if (this.fail) throw this.fail;
    if (this.refuse) throw this.refuse;
    this.updates.push({ recordType, id, patch });
    if (recordType === "account") {
      this.data.accounts = this.data.accounts.map((account) =>
        account.id === id ? applyPatch(account, patch) : account,
      );
    } else {
      this.data.opportunities = this.data.opportunities.map((opp) =>
        opp.id === id ? applyPatch(opp, patch) : opp,
      );
    }
  }

  /** Changes a record as someone in the CRM would, between reads. */
  edit(recordType: RecordType, id: string, change: (record: Record<string, unknown>) => void): void {
    const list = (recordType === "account"
      ? this.data.accounts
      : this.data.opportunities) as unknown as Record<string, unknown>[];
    const record = list.find((candidate) => candidate.id === id);
    if (record) change(record);
  }

  /** Deletes a record in the CRM. */
  remove(recordType: RecordType, id: string): void {
    if (recordType === "account")
      this.data.accounts = this.data.accounts.filter((account) => account.id !== id);
    else this.data.opportunities = this.data.opportunities.filter((opp) => opp.id !== id);
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
