// The proof by holdout on the console's Effectiveness page, in headless Chromium, on the history
// demo (which plays its month with a holdout): each measured rule named in words, its uplift drawn
// inside its 95% interval, proven and not proven told apart, the axis in percentage points; the
// same numbers as the table below it. A screenshot of the chart is saved.
import { type ChildProcess, spawn } from "node:child_process";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  CHROMIUM_FOUND,
  collectProblems,
  IN_CI,
  launchChromium,
  MISSING_CHROMIUM,
  RESULTS_DIR,
} from "../helpers/browser.ts";
import { CLI_FROM_SOURCES } from "../helpers/run-cli.ts";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));

describe.runIf(IN_CI && !CHROMIUM_FOUND)("the holdout chart in CI", () => {
  it("needs Chromium", () => {
    throw new Error(MISSING_CHROMIUM);
  });
});

/** What Chart.js drew of one dataset: its label, and per rule its data and where it sits in pixels. */
interface DrawnSet {
  label: string;
  data: (number | [number, number] | null)[];
  /** Bars: the pixel span from `base` to `x`; points: `x` alone. */
  elements: { x: number; base: number | null }[];
}

describe.skipIf(!CHROMIUM_FOUND)(
  `the holdout chart in Chromium${CHROMIUM_FOUND ? "" : ` (skipped: ${MISSING_CHROMIUM})`}`,
  () => {
    let child: ChildProcess;
    let base: string;
    let browser: Browser;

    beforeAll(async () => {
      child = spawn(process.execPath, [...CLI_FROM_SOURCES, "demo", "--history", "--serve"], {
        cwd: ROOT,
        env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", PORT: "0" },
        stdio: ["ignore", "ignore", "pipe"],
      });
      let stderr = "";
      const port = new Promise<number>((resolve, reject) => {
        child.stderr?.on("data", (chunk: Buffer) => {
          stderr += chunk.toString();
          const found = /http:\/\/127\.0\.0\.1:(\d+)\/admin/.exec(stderr);
          if (found) resolve(Number(found[1]));
        });
        child.on("exit", () => reject(new Error(`demo exited: ${stderr}`)));
      });
      [base, browser] = await Promise.all([
        port.then((found) => `http://127.0.0.1:${found}`),
        launchChromium(),
      ]);
    }, 120_000);
    afterAll(async () => {
      await browser?.close();
      child?.kill("SIGINT");
    });

    it("draws each measured rule's uplift inside its interval, proven ones apart, as the table says", async () => {
      const context = await browser.newContext({
        viewport: { width: 1366, height: 850 },
        reducedMotion: "reduce",
      });
      const page = await context.newPage();
      const problems = collectProblems(page);
      await page.goto(`${base}/admin/login?return=%2Fadmin%2Feffectiveness`);
      await page.click('button[value="felix.moreau@example.com"]');
      await page.waitForURL("**/admin/effectiveness");
      const figure = page.locator("figure", { has: page.locator('canvas[data-chart="chart-holdout"]') });
      await figure.scrollIntoViewIfNeeded();
      await figure.screenshot({ path: join(RESULTS_DIR, "console-holdout-chart.png") });

      const table = await page.$$eval("table#holdout tbody tr", (rows) =>
        rows.map((row) => [...row.children].map((cell) => cell.textContent?.trim() ?? "")),
      );
      const measured = table.filter((row) => row[4] !== "–");
      expect(measured.length).toBeGreaterThanOrEqual(2);
      expect(measured.some((row) => row[5] === "proven")).toBe(true);
      expect(measured.some((row) => row[5] === "no effect shown")).toBe(true);

      const drawn = await page.$eval('canvas[data-chart="chart-holdout"]', (canvas) => {
        type Element = { x: number; base?: number };
        type Chart = {
          data: { labels: string[]; datasets: { label: string; data: DrawnSet["data"] }[] };
          options: { scales: { x: { title: { text: string } } } };
          getDatasetMeta(index: number): { data: Element[] };
          scales: { x: { ticks: { label: string }[] } };
        };
        const library = (globalThis as unknown as { Chart: { getChart(canvas: unknown): Chart } }).Chart;
        const chart = library.getChart(canvas);
        const box = (
          canvas as unknown as { getBoundingClientRect(): { width: number; height: number } }
        ).getBoundingClientRect();
        return {
          size: [box.width, box.height],
          labels: chart.data.labels,
          axis: chart.options.scales.x.title.text,
          ticks: chart.scales.x.ticks.map((tick) => tick.label),
          legend: [
            ...(
              globalThis as unknown as {
                document: { querySelectorAll(s: string): Iterable<{ textContent: string | null }> };
              }
            ).document.querySelectorAll('ul[data-legend="chart-holdout"] li'),
          ].map((item) => item.textContent?.trim() ?? ""),
          sets: chart.data.datasets.map((set, index) => ({
            label: set.label,
            data: set.data,
            elements: chart
              .getDatasetMeta(index)
              .data.map((element) => ({ x: element.x, base: element.base ?? null })),
          })),
        };
      });
      expect(drawn.size[0]).toBeGreaterThan(300);
      expect(drawn.size[1]).toBeGreaterThan(100);
      // Rules named as people read them, in the table's order; no rule ids.
      expect(drawn.labels).toEqual(measured.map((row) => row[0]));
      for (const label of drawn.labels) expect(label).not.toMatch(/^[a-z]+(-[a-z]+)+$/);
      expect(drawn.axis).toBe("Uplift in percentage points (0: no effect)");
      expect(drawn.ticks).toContain("0 pts");
      expect(drawn.ticks.some((tick) => /^\+\d+ pts$/.test(tick))).toBe(true);
      expect(drawn.legend).toEqual([
        "95% interval, proven (all above 0)",
        "95% interval, no effect shown (not all above 0)",
        "Uplift",
      ]);
      const [proven, notProven, uplift] = drawn.sets as [DrawnSet, DrawnSet, DrawnSet];
      const signed = (value: number) => `${value > 0 ? "+" : ""}${value.toFixed(1)}`;
      for (const [index, row] of measured.entries()) {
        const isProven = row[5] === "proven";
        const [own, other] = isProven ? [proven, notProven] : [notProven, proven];
        const range = own.data[index] as [number, number];
        // The table's interval and uplift, drawn: the bar spans the interval, the point sits inside.
        expect(`${signed(range[0])} to ${signed(range[1])}`).toBe(row[4]);
        expect(signed(uplift.data[index] as number)).toBe(row[3]);
        expect(other.data[index]).toBeNull();
        expect(isProven).toBe(range[0] > 0);
        const bar = own.elements[index];
        const point = uplift.elements[index];
        if (!bar || bar.base === null || !point) throw new Error(`nothing drawn for ${row[0]}`);
        const [left, right] = [Math.min(bar.base, bar.x), Math.max(bar.base, bar.x)];
        expect(right - left).toBeGreaterThan(10);
        expect(point.x).toBeGreaterThan(left);
        expect(point.x).toBeLessThan(right);
      }
      expect(problems).toEqual([]);
      await context.close();
    }, 60_000);
  },
);
