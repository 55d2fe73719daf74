// The layer rules, checked by `npm run lint:layers` (part of `npm test`). From the bottom up:
// domain/ (pure) ← sources/, store/, messages/ ← services/ ← slack/, web/, cli/ ← app.ts.
// Type-only imports count: a type from a higher layer ties the lower one to it all the same.

/**
 * Files of a CRM's folder that config/ still imports. Config should take each CRM's schema from the
 * CRM module registry instead; when these imports are gone, empty this list and the rule is strict.
 * Today: config.ts and file-schema.ts (csv-settings, field-map), file-schema.ts (delimiter,
 * report-columns), load-config.ts (field-map).
 */
/** A CRM's own folder: every folder of src/sources except crm/, the code all CRMs share. */
const CRM_FOLDER = "^src/sources/(?!crm/)[^/]+/";

/** @type {import("dependency-cruiser").IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: "domain-is-pure",
      comment: "domain/ holds types, rules and maths: it imports only domain/ (and no Node or Slack I/O).",
      severity: "error",
      from: { path: "^src/domain/" },
      to: { path: "^src/", pathNot: "^src/domain/" },
    },
    {
      name: "services-below-transports",
      comment:
        "services/ call Slack through services/ports and build messages with messages/: they import no " +
        "transport (slack/, web/, cli/), so any transport can call them.",
      severity: "error",
      from: { path: "^src/services/" },
      to: { path: ["^src/(slack|web|cli)/", "^src/cli\\.ts$", "^src/app\\.ts$"] },
    },
    {
      name: "messages-below-services",
      comment: "messages/ build Block Kit as data from domain values: no transport, no service.",
      severity: "error",
      from: { path: "^src/messages/" },
      to: { path: ["^src/(slack|web|cli|services|jobs)/", "^src/cli\\.ts$", "^src/app\\.ts$"] },
    },
    {
      name: "config-takes-no-source-internals",
      comment:
        "config/ reads the environment and the YAML file; a CRM's settings come from its module through " +
        "sources/registry.ts, never from its folder.",
      severity: "error",
      from: { path: "^src/config/" },
      to: { path: CRM_FOLDER },
    },
    {
      name: "crm-folders-apart",
      comment:
        "A CRM's folder imports no other CRM's folder: what they share lives in sources/crm/ or " +
        "sources/source.ts, so adding a CRM touches its own folder and the registry only.",
      severity: "error",
      from: { path: "^src/sources/([^/]+)/", pathNot: "^src/sources/sample/" },
      to: { path: CRM_FOLDER, pathNot: "^src/sources/$1/" },
    },
    {
      name: "sample-is-csv-only",
      comment:
        "The bundled sample is the CSV source over data/sample: creating a CsvSource is its one tie to " +
        "another CRM's folder.",
      severity: "error",
      from: { path: "^src/sources/sample/" },
      to: { path: CRM_FOLDER, pathNot: ["^src/sources/sample/", "^src/sources/csv/csv-source\\.ts$"] },
    },
    {
      name: "imports-resolve",
      comment: "An import the checker cannot resolve is an import no rule can see: resolve it or fix it.",
      severity: "error",
      from: { path: "^src/" },
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
  },
};
