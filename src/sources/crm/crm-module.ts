// What a CRM folder exports: one module descriptor the registry lists. Config, the composition root
// and check-config reach a CRM only through it.
import type { z } from "zod";
import type { Rep } from "../../domain/model.ts";
import type { Logger } from "../../logging.ts";
import type { PipelineSource, SourceIssue } from "../source.ts";

/** What the composition root hands every CRM source. */
export interface CrmDeps {
  logger: Logger;
  /** Closed records are read back this many days (closed-reason-missing looks at them). */
  closedWithinDays: number;
  /** Told about every failed request, for the error metrics. */
  onFailure?: (code: string) => void;
  /** The currency thresholds are in, and the config's rates (`currencies:`) into it. */
  currency: string;
  currencies: Readonly<Record<string, number>>;
  /** Reads a people file in reps.csv's columns, for CRMs whose users lack managers, roles or time zones. */
  readPeople(file: string): Promise<{ people: Rep[]; issues: SourceIssue[] }>;
  /** Where the CRM's timestamps and today's date are read: the real clock or NUDGEBOT_NOW. */
  clock?: () => Date;
}

export interface CrmModule<
  Name extends string,
  Env extends z.ZodRawShape,
  Block extends z.ZodType,
  Settings,
> {
  /** Its name in DATA_SOURCE. */
  name: Name;
  /** Its name on buttons that open a record ("Open in HubSpot"). */
  linkLabel: string;
  /** Its environment variables. */
  env: Env;
  /** Its block in the config file (`salesforce:`, `hubspot:`), every key with a default. */
  config: Block;
  /** The settings its source is built from; problems count only when DATA_SOURCE names it. */
  settings(
    env: z.output<z.ZodObject<Env>>,
    block: z.output<Block>,
    shared: { admins: string[] },
  ): { settings: Settings; problems: string[] };
  /** Its part of check-config's effective configuration, secrets masked. */
  describe(
    settings: Settings,
    mask: (secret: string | undefined) => string,
  ): { environment: Record<string, string>; config: Record<string, unknown> };
  create(settings: Settings, deps: CrmDeps): PipelineSource;
}

/** Keeps a descriptor's types as they are written. */
export function defineCrm<Name extends string, Env extends z.ZodRawShape, Block extends z.ZodType, Settings>(
  module: CrmModule<Name, Env, Block, Settings>,
): CrmModule<Name, Env, Block, Settings> {
  return module;
}
