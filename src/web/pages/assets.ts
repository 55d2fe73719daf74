// The console's static files: its stylesheet and chart script (assets/console/ at the package root,
// outside src/ so the compiled build finds them at the same relative place) and Chart.js from
// node_modules. Only these names are served: a request can never name another file.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { StaticAsset } from "../console-pages.ts";

// src/web/pages/ and dist/web/pages/ are both three levels below the package root.
const OWN_ASSETS = fileURLToPath(new URL("../../../assets/console/", import.meta.url));

function chartJsFile(): string {
  // The package's exports name only its module builds; the UMD build sits beside the CommonJS one.
  const main = createRequire(import.meta.url).resolve("chart.js");
  return join(dirname(main), "chart.umd.min.js");
}

const JS = "text/javascript; charset=utf-8";
const CSS = "text/css; charset=utf-8";

const FILES: Readonly<Record<string, { path: () => string; contentType: string }>> = {
  "console.css": { path: () => join(OWN_ASSETS, "console.css"), contentType: CSS },
  "charts.js": { path: () => join(OWN_ASSETS, "charts.js"), contentType: JS },
  "chart.umd.min.js": { path: chartJsFile, contentType: JS },
};

export const STYLES = ["console.css"] as const;
/** Chart.js first: charts.js draws with it (both deferred, so they run in this order). */
export const SCRIPTS = ["chart.umd.min.js", "charts.js"] as const;

/** Reads each file once, on first request; undefined for any name not listed above. */
export function assetReader(): (name: string) => StaticAsset | undefined {
  const read = new Map<string, StaticAsset>();
  return (name) => {
    if (!Object.hasOwn(FILES, name)) return undefined;
    let found = read.get(name);
    if (!found) {
      const file = FILES[name] as (typeof FILES)[string];
      found = { contentType: file.contentType, body: readFileSync(file.path()) };
      read.set(name, found);
    }
    return found;
  };
}
