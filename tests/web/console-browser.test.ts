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
      // Two weeks of daily cycles: the pages have history to chart.
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
      const context = await browser.newContext({ viewport });
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
      expect(problems).toEqual([]);
    });

    it("shows a manager their own team only", async () => {
      const { page, problems } = await open(LAPTOP);
      h.oidc.signInAs = PEOPLE.manager;
      await page.goto(`${h.baseUrl}/admin/team`);
      await page.waitForURL(`${h.baseUrl}/admin/team`);
      expect(await page.textContent("header.top .who")).toContain("manager: sees team of Mia Manager");
      await visitEveryPage(page, "manager");
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
