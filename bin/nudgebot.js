#!/usr/bin/env node
// Entry point for `npx nudgebot`, `npm start` and the Docker image: runs the compiled CLI in dist/
// (`npm run build`; `npm ci` builds it). Nothing is compiled at run time.
import { readdirSync, statSync } from "node:fs";
import { fileURLToPath } from "node:url";

const compiledUrl = new URL("../dist/cli.js", import.meta.url);
const compiled = fileURLToPath(compiledUrl);
const sources = fileURLToPath(new URL("../src/", import.meta.url));

/** In a checkout, a source edited after the last build would silently not run: say so. */
function warnIfStale() {
  let builtAt;
  try {
    builtAt = statSync(compiled).mtimeMs;
  } catch {
    return;
  }
  let files;
  try {
    files = readdirSync(sources, { recursive: true });
  } catch {
    return; // an installed package or the Docker image: no sources beside dist/
  }
  const newer = files.find((file) => statSync(sources + file).mtimeMs > builtAt);
  if (newer) {
    process.stderr.write(
      `nudgebot: src/${newer} changed since the last build; run \`npm run build\` to use it.\n`,
    );
  }
}

warnIfStale();
try {
  await import(compiledUrl.href);
} catch (error) {
  if (error?.code !== "ERR_MODULE_NOT_FOUND" || !String(error.message).includes(compiled)) throw error;
  process.stderr.write("nudgebot is not built: run `npm run build` (`npm ci` builds it too).\n");
  process.exitCode = 1;
}
