// Everything a person or the CRM wrote reaches the console's pages as text, never as markup: rep names,
// Give Back titles, trip names, Slack's error texts, source hints and the query string.
import { describe, expect, it } from "vitest";
import { CONSOLE_PAGES } from "../../src/web/console-pages.ts";
import { fillMonth, openConsole, plannedTrip, TEAM } from "./console-fixture.ts";
import { chartData, text } from "./read-page.ts";

const EVIL = `<script>alert(1)</script> & "x"`;

describe("the console pages escape what users and the CRM wrote", () => {
  it("shows hostile names, titles and errors as text on every page, for admins and managers", async () => {
    const data = {
      ...TEAM,
      reps: TEAM.reps.map((rep) => (rep.email === "ava@example.com" ? { ...rep, name: EVIL } : rep)),
    };
    const open = await openConsole({
      data,
      source: {
        name: "csv",
        load: async () => ({
          snapshot: structuredClone(data),
          issues: [],
          available: { fields: new Set<string>(), hint: () => `add the column ${EVIL}` },
        }),
      },
      fill: async (store) => {
        await fillMonth(store);
        const project = await store.getGiveBack("p1");
        if (!project) throw new Error("no project");
        await store.saveGiveBack({ ...project, id: "p2", title: EVIL }, []);
        await store.answerCheckIn("p2", "ken@example.com", "2026-03", true, new Date());
        await store.savePlannedTrip(plannedTrip({ id: "t3", eventName: EVIL, startDate: "2026-03-05" }));
        await store.enqueue(
          { key: "k-evil", kind: EVIL, channel: "UAVA", payload: { text: "x" } },
          new Date(),
        );
        const [leased] = await store.leaseDueMessages("test", new Date(), 60_000, 1);
        await store.markFailed(leased?.key ?? "", "test", EVIL);
      },
    });
    try {
      for (const email of ["ops@example.com", "mia@example.com"]) {
        for (const { id } of CONSOLE_PAGES) {
          const { body } = await open.render(id, email, `days=${encodeURIComponent(EVIL)}`);
          expect(body, `${id} as ${email}`).not.toContain("<script>alert");
          expect(body, `${id} as ${email}`).not.toContain('"x"');
          // The only script elements are the charts' data, each closed by its own tag.
          const opened = body.match(/<script\b/g)?.length ?? 0;
          expect(opened).toBe(
            body.match(/<script type="application\/json" id="chart-[a-z-]+">/g)?.length ?? 0,
          );
          expect(body.match(/<\/script>/g)?.length ?? 0).toBe(opened);
          if (id !== "delivery" || email === "ops@example.com")
            expect(text(body), `${id} as ${email}`).toContain(EVIL);
        }
      }
      // In a chart's data the name is a string again once parsed, as the chart script reads it.
      const team = await open.render("team", "ops@example.com");
      expect(chartData(team.body, "chart-team-overall").series.map((series) => series.label)).toContain(EVIL);
      const rituals = await open.render("rituals", "ops@example.com");
      expect(chartData(rituals.body, "chart-adoption").series.map((series) => series.label)).toContain(EVIL);
    } finally {
      await open.store.close();
    }
  });
});
