// Headless Chromium for the browser tests: Debian's package (scripts/ci/chromium.sh installs it;
// CHROMIUM_PATH overrides where it is), driven by playwright-core. In CI a missing Chromium is a
// failure that says how to install it; on a developer's machine the browser tests are skipped.
import { existsSync, mkdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { type Browser, type ConsoleMessage, chromium, type Page } from "playwright-core";

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
export const CHROMIUM_FOUND = existsSync(CHROMIUM_PATH);
export const IN_CI = process.env.CI === "true";
export const MISSING_CHROMIUM = `Chromium is not at ${CHROMIUM_PATH}: install Debian's package (apt-get install chromium; .ci/run does it with scripts/ci/chromium.sh) or set CHROMIUM_PATH`;

/** Where screenshots go: test-results/ at the top of the repository. */
export const RESULTS_DIR = fileURLToPath(new URL("../../test-results/", import.meta.url));

export async function launchChromium(): Promise<Browser> {
  mkdirSync(RESULTS_DIR, { recursive: true });
  // --no-sandbox: CI runs as root, where Chromium's sandbox cannot start.
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: ["--no-sandbox"] });
}

/** Every console error, uncaught exception and CSP violation the page reports, as text. */
export function collectProblems(page: Page): string[] {
  const problems: string[] = [];
  page.on("console", (message: ConsoleMessage) => {
    if (message.type() === "error" || /Content Security Policy/i.test(message.text()))
      problems.push(`${message.type()}: ${message.text()} (${page.url()})`);
  });
  page.on("pageerror", (error) => problems.push(`pageerror: ${error.message} (${page.url()})`));
  return problems;
}
