// The console's static files: the stylesheet, Chart.js and the chart script, linked by every page,
// and nothing else, whatever name a request tries.
import { describe, expect, it } from "vitest";
import { openConsole } from "./console-fixture.ts";

describe("the console's assets", () => {
  it("serves the stylesheet and scripts every page links, with their content types", async () => {
    const { pages, store } = await openConsole({ fill: async () => {} });
    try {
      expect(pages.styles).toEqual(["console.css"]);
      expect(pages.scripts).toEqual(["chart.umd.min.js", "charts.js"]);
      const css = pages.asset("console.css");
      expect(css?.contentType).toBe("text/css; charset=utf-8");
      expect(css?.body.toString()).toContain("tr.noisy");
      const library = pages.asset("chart.umd.min.js");
      expect(library?.contentType).toBe("text/javascript; charset=utf-8");
      expect(library?.body.toString()).toMatch(/Chart\.js v4\.\d+\.\d+/);
      const script = pages.asset("charts.js");
      expect(script?.body.toString()).toContain('querySelectorAll("canvas[data-chart]")');
    } finally {
      await store.close();
    }
  });

  it("serves nothing else: no other file, no path out of the assets", async () => {
    const { pages, store } = await openConsole({ fill: async () => {} });
    try {
      for (const name of [
        "",
        "../package.json",
        "..%2Fpackage.json",
        "console.css/../../../package.json",
        "/etc/passwd",
        "chart.js",
        "chart.umd.js",
        "index.ts",
        "constructor",
        "__proto__",
        "hasOwnProperty",
        "CONSOLE.CSS",
      ]) {
        expect(pages.asset(name), name).toBeUndefined();
      }
    } finally {
      await store.close();
    }
  });
});
