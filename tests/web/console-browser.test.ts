// The admin console in headless Chromium: an admin and a manager sign in through the stand-in
// Slack and open every page (no console error, no CSP violation, a screenshot of each), a rep is
// refused, and signing out ends the session. The refusals without a browser are in console-sign-in.
import { join } from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CONSOLE_PAGES } from "../../src/web/console-pages.ts";
import {
  CHROMIUM_FOUND,
  collectProblems,
  IN_CI,
  launchChromium,
  MISSING_CHROMIUM,
  RESULTS_DIR,
} from "../helpers/browser.ts";
import { type ConsoleHarness, PEOPLE, startConsoleHarness } from "../helpers/console-harness.ts";
import { RITUAL_PROJECT, RITUAL_TRIPS } from "../helpers/console-rituals.ts";

const LAPTOP = { width: 1366, height: 850 };
const PHONE = { width: 390, height: 844 };

describe.runIf(IN_CI && !CHROMIUM_FOUND)("the browser tests in CI", () => {
  it("need Chromium", () => {
    throw new Error(MISSING_CHROMIUM);
  });
});

describe.skipIf(!CHROMIUM_FOUND)(
  `the admin console in Chromium${CHROMIUM_FOUND ? "" : ` (skipped: ${MISSING_CHROMIUM})`}`,
  () => {
    let h: ConsoleHarness;
    let browser: Browser;
    const contexts: BrowserContext[] = [];

    beforeAll(async () => {
      [h, browser] = await Promise.all([startConsoleHarness(), launchChromium()]);
      // Two months of trips and Give Back check-ins, then two weeks of daily cycles: every page has
      // something to chart.
      await h.recordRituals();
      await h.playDays(10);
    });
    afterAll(async () => {
      await browser?.close();
      await h?.stop();
    });

    async function open(viewport: {
      width: number;
      height: number;
    }): Promise<{ page: Page; problems: string[] }> {
      // Reduced motion: charts are drawn at once, so a screenshot never catches one mid-animation.
      const context = await browser.newContext({ viewport, reducedMotion: "reduce" });
      contexts.push(context);
      const page = await context.newPage();
      return { page, problems: collectProblems(page) };
    }

    /** Opens every page through the links, checks it and saves a screenshot. */
    async function visitEveryPage(page: Page, name: string): Promise<void> {
      for (const { id, title } of CONSOLE_PAGES) {
        await page.click(`nav.pages a[href="/admin/${id}"]`);
        await page.waitForURL(`**/admin/${id}`);
        expect(await page.getAttribute(`nav.pages a[href="/admin/${id}"]`, "aria-current")).toBe("page");
        expect((await page.textContent("main h1"))?.toLowerCase()).toBe(title.toLowerCase());
        await page.screenshot({ path: join(RESULTS_DIR, `console-${name}-${id}.png`), fullPage: true });
      }
    }

    interface DrawnChart {
      id: string;
      drawn: boolean;
      width: number;
      height: number;
      series: Record<string, (number | null)[]>;
      labels: string[];
    }

    /** The charts on the page as Chart.js drew them: size on screen, labels and each series' values. */
    function drawnCharts(page: Page): Promise<DrawnChart[]> {
      return page.$$eval("canvas[data-chart]", (canvases) => {
        type Drawn = {
          data: { labels: string[]; datasets: { label: string; data: (number | null)[] }[] };
        };
        const library = (
          globalThis as unknown as { Chart?: { getChart(canvas: unknown): Drawn | undefined } }
        ).Chart;
        return canvases.map((canvas) => {
          const chart = library?.getChart(canvas);
          const box = canvas.getBoundingClientRect();
          return {
            id: canvas.getAttribute("data-chart") ?? "",
            drawn: chart !== undefined,
            width: box.width,
            height: box.height,
            labels: chart?.data.labels ?? [],
            series: Object.fromEntries((chart?.data.datasets ?? []).map((set) => [set.label, set.data])),
          };
        });
      });
    }

    /**
     * How a page sits in a narrow viewport: the document's width, what sticks out of the viewport
     * (figures, table boxes and captions, headings, paragraphs, legend entries), and per chart
     * the series named in its legend beside those it draws.
     */
    function phoneFit(page: Page) {
      return page.evaluate(() => {
        // Runs in the page; the tests are compiled without the DOM's types, so the little used is named here.
        interface Box {
          left: number;
          right: number;
          width: number;
        }
        interface Node {
          tagName: string;
          textContent: string | null;
          getBoundingClientRect(): Box;
          getAttribute(name: string): string | null;
        }
        const doc = (
          globalThis as unknown as {
            document: {
              documentElement: { clientWidth: number; scrollWidth: number };
              querySelectorAll(selector: string): Iterable<Node>;
              getElementById(id: string): Node | null;
            };
          }
        ).document;
        const width = doc.documentElement.clientWidth;
        const outside = (element: Node) => {
          const box = element.getBoundingClientRect();
          return box.width > 0 && (box.left < 0 || box.right > width + 0.5);
        };
        const selectors = "main figure, main .table-scroll, main caption, main h1, main h2, main p, main li";
        const offScreen = [...doc.querySelectorAll(selectors)]
          .filter(outside)
          .map((element) => `${element.tagName.toLowerCase()}: ${element.textContent?.trim().slice(0, 60)}`);
        const legends = [...doc.querySelectorAll("canvas[data-chart]")].map((canvas) => {
          const chart = canvas.getAttribute("data-chart") ?? "";
          const spec = JSON.parse(doc.getElementById(chart)?.textContent ?? "{}") as {
            series?: { label: string }[];
          };
          const items = [...doc.querySelectorAll(`ul.chart-legend[data-legend="${chart}"] li`)];
          return {
            chart,
            series: (spec.series ?? []).map((series) => series.label),
            shown: items
              .filter((item) => item.getBoundingClientRect().width > 0 && !outside(item))
              .map((item) => item.textContent?.trim() ?? ""),
          };
        });
        return { pageWidth: doc.documentElement.scrollWidth, offScreen, legends };
      });
    }

    /** Each body row of a table: its header cell, then its cells, as text. */
    async function tableRows(page: Page, id: string): Promise<string[][]> {
      const rows = await page.locator(`table#${id} tbody tr`).all();
      const texts = await Promise.all(rows.map((row) => row.locator("th, td").allTextContents()));
      return texts.map((cells) => cells.map((cell) => cell.replace(/\s+/g, " ").trim()));
    }

    /** The Rituals page: both charts drawn at a visible size, and the tables carry the figures. */
    async function checkRituals(
      page: Page,
      expected: {
        trips: (typeof RITUAL_TRIPS)[keyof typeof RITUAL_TRIPS][];
        january: string;
        february: string;
        /** January's and February's shares as the chart plots them. */
        shares: [number, number];
      },
    ) {
      await page.goto(`${h.baseUrl}/admin/rituals`);
      const charts = await drawnCharts(page);
      expect(charts.map((chart) => chart.id)).toEqual(["chart-adoption", "chart-trips"]);
      for (const chart of charts) {
        expect(chart.drawn, chart.id).toBe(true);
        expect(chart.width, chart.id).toBeGreaterThan(100);
        expect(chart.height, chart.id).toBeGreaterThan(100);
      }
      const [adoption, trips] = charts as [DrawnChart, DrawnChart];
      expect(adoption.labels.slice(-3)).toEqual(["2026-01", "2026-02", "2026-03"]);
      expect(adoption.series["Goal (70%)"]?.slice(-3)).toEqual([0.7, 0.7, 0.7]);
      expect(Object.keys(adoption.series)).toContain(RITUAL_PROJECT);
      expect(adoption.series["Any project"]?.slice(-3)).toEqual([...expected.shares, 0]);
      // The chart draws the oldest trip first; its bars are the table's figures.
      const oldestFirst = [...expected.trips].reverse();
      const dollars = (text: string) => (text === "–" ? null : Number(text.replace(/[$,]/g, "")));
      expect(trips.labels).toEqual(oldestFirst.map((trip) => expect.stringContaining(trip.event)));
      expect(trips.series["Planned cost"]).toEqual(oldestFirst.map((trip) => dollars(trip.cost)));
      expect(trips.series["Pipeline created"]).toEqual(oldestFirst.map((trip) => dollars(trip.created)));

      const months = await tableRows(page, "adoption");
      expect(months[0]?.slice(0, 1)).toEqual(["Any project"]);
      expect(months[0]?.slice(-3)).toEqual([
        expected.january,
        expected.february,
        expect.stringMatching(/^0%/),
      ]);
      expect(await tableRows(page, "trips")).toEqual(
        expected.trips.map((trip) => [
          trip.event,
          trip.rep,
          expect.any(String),
          expect.any(String),
          trip.cost,
          trip.needed,
          trip.created,
        ]),
      );
    }

    it("signs an admin in with Slack, shows every page, and signs out", async () => {
      const { page, problems } = await open(LAPTOP);
      h.oidc.signInAs = PEOPLE.admin;
      await page.goto(`${h.baseUrl}/admin`);
      await page.waitForURL(`${h.baseUrl}/admin/effectiveness`);
      expect(await page.textContent("header.top .who")).toContain("admin: sees everyone");
      await visitEveryPage(page, "admin");
      await page.goto(`${h.baseUrl}/admin/team`);
      expect(await page.textContent("main")).toContain("Cy Vance");
      // Every chart got drawn by Chart.js from our own origin: none left blank by a blocked script.
      const charts = await page.$$eval("canvas[data-chart]", (canvases) => {
        // Runs in the page: the UMD build of Chart.js puts `Chart` on the window (globalThis there).
        const library = (globalThis as unknown as { Chart?: { getChart(canvas: unknown): unknown } }).Chart;
        return canvases.map((canvas) => library?.getChart(canvas) !== undefined);
      });
      expect(charts.length).toBeGreaterThan(0);
      expect(charts.every(Boolean)).toBe(true);
      // Everyone's trips, latest first; the team of four's adoption: under the goal, then over it.
      await checkRituals(page, {
        trips: [RITUAL_TRIPS.cy, RITUAL_TRIPS.ken, RITUAL_TRIPS.ava],
        january: "50% (2 of 4)",
        february: "✓ 75% (3 of 4)",
        shares: [0.5, 0.75],
      });

      await page.click("form.sign-out button");
      await page.waitForURL(`${h.baseUrl}/admin/signed-out`);
      expect(await page.textContent("main")).toContain("You are signed out of the console.");
      const cookies = await page.context().cookies();
      expect(cookies.filter((cookie) => cookie.name === "nudgebot_session")).toEqual([]);
      expect(problems).toEqual([]);
    });

    it("fits a phone: the same pages at 390 pixels wide", async () => {
      const { page, problems } = await open(PHONE);
      h.oidc.signInAs = PEOPLE.admin;
      await page.goto(`${h.baseUrl}/admin`);
      await page.waitForURL(`${h.baseUrl}/admin/effectiveness`);
      await visitEveryPage(page, "phone");
      for (const { id } of CONSOLE_PAGES) {
        await page.goto(`${h.baseUrl}/admin/${id}`);
        const fit = await phoneFit(page);
        // Nothing widens the page: a wide table scrolls inside its own box.
        expect(fit.pageWidth, id).toBeLessThanOrEqual(PHONE.width);
        expect(fit.offScreen, id).toEqual([]);
        // Every series of every chart is named in its legend, on screen.
        for (const legend of fit.legends)
          expect(legend.shown, `${id} ${legend.chart}`).toEqual(legend.series);
      }
      // The outbox's figures are on screen beside their rows, without scrolling sideways.
      await page.goto(`${h.baseUrl}/admin/delivery`);
      const figures = await page.$$eval("table#outbox td", (cells) =>
        cells.map((cell) => ({ text: cell.textContent, right: cell.getBoundingClientRect().right })),
      );
      expect(figures).toHaveLength(4);
      for (const figure of figures) expect(figure.right, figure.text ?? "").toBeLessThanOrEqual(PHONE.width);
      expect(problems).toEqual([]);
    });

    it("shows a manager their own team only", async () => {
      const { page, problems } = await open(LAPTOP);
      h.oidc.signInAs = PEOPLE.manager;
      await page.goto(`${h.baseUrl}/admin/team`);
      await page.waitForURL(`${h.baseUrl}/admin/team`);
      expect(await page.textContent("header.top .who")).toContain("manager: sees team of Mia Manager");
      await visitEveryPage(page, "manager");
      // Mia's team (Mia, Ava, Ken): their trips only, and their own answers over three people.
      await checkRituals(page, {
        trips: [RITUAL_TRIPS.ken, RITUAL_TRIPS.ava],
        january: "67% (2 of 3)",
        february: "✓ 100% (3 of 3)",
        shares: [0.67, 1],
      });
      // Ava and Ken report to Mia; Cy reports to someone else: nothing of theirs reaches Mia's pages.
      await page.goto(`${h.baseUrl}/admin/team`);
      expect(await page.textContent("main")).toMatch(/Ava Okafor[\s\S]*Ken Sato/);
      for (const { id } of CONSOLE_PAGES) {
        await page.goto(`${h.baseUrl}/admin/${id}`);
        expect(await page.textContent("body"), id).not.toMatch(/Cy Vance|cy@example\.com|006C/);
      }
      expect(problems).toEqual([]);
    });

    it("refuses a rep with a page that says who they are", async () => {
      const { page, problems } = await open(LAPTOP);
      h.oidc.signInAs = PEOPLE.rep;
      const answer = await page.goto(`${h.baseUrl}/admin/effectiveness`);
      expect(page.url()).toBe(`${h.baseUrl}/admin/effectiveness`);
      expect(answer?.status()).toBe(403);
      expect(await page.textContent("main.error-page")).toContain("You are signed in as Ava Okafor");
      expect(await page.$("nav.pages")).toBeNull();
      await page.screenshot({ path: join(RESULTS_DIR, "console-rep-refused.png"), fullPage: true });
      // Chromium reports the page's own 403 as a failed load: that one is the point of the test.
      expect(problems.filter((problem) => !problem.includes("status of 403"))).toEqual([]);
    });
  },
);
