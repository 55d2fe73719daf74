// Every source the bot can read, by its DATA_SOURCE name. Config, the composition root and
// check-config reach a CRM only through this list: adding a CRM is its own folder and one line here.
import { rateTableFromValues } from "../domain/money.ts";
import type { CrmDeps } from "./crm/crm-module.ts";
import { csvConfigSchema } from "./csv/csv-config.ts";
import type { CsvSettings } from "./csv/csv-settings.ts";
import { CsvSource } from "./csv/csv-source.ts";
import { repRow } from "./csv/native-format.ts";
import { readCsvFile } from "./csv/read-csv-file.ts";
import { hubspotModule } from "./hubspot/hubspot-module.ts";
import { salesforceModule } from "./salesforce/salesforce-module.ts";
import { sampleSource } from "./sample/sample-source.ts";
import type { PipelineSource } from "./source.ts";

export const CRM_MODULES = {
  salesforce: salesforceModule,
  hubspot: hubspotModule,
} as const;

export type CrmName = keyof typeof CRM_MODULES;
export const CRM_NAMES = Object.keys(CRM_MODULES) as CrmName[];

/** Each CRM's settings, under its name (`config.salesforce`). */
export type CrmSettings = {
  [N in CrmName]: ReturnType<(typeof CRM_MODULES)[N]["settings"]>["settings"];
};
export type { CsvSettings };

/** Every CRM's environment variables, for the one environment schema. */
export const CRM_ENV = Object.assign({}, ...CRM_NAMES.map((name) => CRM_MODULES[name].env)) as {
  [N in CrmName]: (typeof CRM_MODULES)[N]["env"];
}[CrmName];

/** The config file's blocks that belong to sources: `csv:` and one per CRM. */
export const SOURCE_CONFIG = {
  csv: csvConfigSchema,
  ...Object.fromEntries(CRM_NAMES.map((name) => [name, CRM_MODULES[name].config])),
} as { csv: typeof csvConfigSchema } & { [N in CrmName]: (typeof CRM_MODULES)[N]["config"] };

type AnyModule = {
  settings(
    env: unknown,
    block: unknown,
    shared: { admins: string[] },
  ): { settings: unknown; problems: string[] };
  describe(
    settings: unknown,
    mask: (secret: string | undefined) => string,
  ): { environment: Record<string, string>; config: Record<string, unknown> };
  create(settings: unknown, deps: CrmDeps): PipelineSource;
};
const moduleOf = (name: CrmName) => CRM_MODULES[name] as unknown as AnyModule;

/** Every CRM's settings, and the problems of the one DATA_SOURCE names. */
export function crmSettings(
  env: Record<string, unknown>,
  file: Record<string, unknown>,
  shared: { admins: string[] },
  active: string,
): { settings: CrmSettings; problems: string[] } {
  const settings: Record<string, unknown> = {};
  const problems: string[] = [];
  for (const name of CRM_NAMES) {
    const result = moduleOf(name).settings(env, file[name], shared);
    settings[name] = result.settings;
    if (name === active) problems.push(...result.problems);
  }
  return { settings: settings as CrmSettings, problems };
}

/** Every CRM's part of the effective configuration, secrets masked. */
export function describeCrms(
  settings: CrmSettings,
  mask: (secret: string | undefined) => string,
): { environment: Record<string, string>; config: Record<string, unknown> } {
  const environment: Record<string, string> = {};
  const config: Record<string, unknown> = {};
  for (const name of CRM_NAMES) {
    const part = moduleOf(name).describe(settings[name], mask);
    Object.assign(environment, part.environment);
    config[name] = part.config;
  }
  return { environment, config };
}

export type DataSourceSetting = { kind: "sample" } | { kind: "csv"; folder: string } | { kind: CrmName };

/** DATA_SOURCE read: `sample`, `csv:<folder>` or a CRM's name; null when it is none of them. */
export function parseDataSource(value: string): DataSourceSetting | null {
  if (value === "sample") return { kind: "sample" };
  if (value.startsWith("csv:") && value.length > 4) return { kind: "csv", folder: value.slice(4) };
  return (CRM_NAMES as string[]).includes(value) ? { kind: value as CrmName } : null;
}

const choices = ["sample", "csv:<folder>", ...CRM_NAMES];
export const DATA_SOURCE_CHOICES = `${choices.slice(0, -1).join(", ")} or ${choices.at(-1)}`;

/** A people file in reps.csv's columns (a HubSpot portal's managers, roles and time zones). */
export async function readPeople(file: string) {
  const rows = await readCsvFile(file, repRow);
  return { people: rows.values, issues: rows.issues };
}

/** The source a configuration names. */
export function createSource(
  config: {
    dataSource: DataSourceSetting;
    csv: CsvSettings;
    currencies: Readonly<Record<string, number>>;
  } & CrmSettings,
  deps: Omit<CrmDeps, "readPeople">,
): PipelineSource {
  const source = config.dataSource;
  if (source.kind === "sample") return sampleSource();
  if (source.kind === "csv")
    return new CsvSource(
      source.folder,
      undefined,
      config.csv,
      rateTableFromValues(deps.currency, config.currencies),
    );
  return moduleOf(source.kind).create(config[source.kind], { ...deps, readPeople });
}
