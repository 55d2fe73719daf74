// The console right after a restart: the bot has not read the CRM yet (a slow one can take a
// minute), but the store keeps the reps its last read saw, so roles, teams and names are known and
// every page answers at once instead of "The CRM has not been read yet".
import { afterEach, describe, expect, it } from "vitest";
import { newDbFile } from "../helpers/bot-harness.ts";
import {
  type ConsoleHarness,
  holdFirstRead,
  PEOPLE,
  startConsoleHarness,
} from "../helpers/console-harness.ts";

const running: ConsoleHarness[] = [];
afterEach(async () => {
  for (const harness of running.splice(0)) await harness.stop();
});

describe("the console after a restart", () => {
  it("knows a manager's role and team from the store while the first CRM read is still under way", async () => {
    const env = { DATABASE_URL: `sqlite:${newDbFile()}` };
    const before = await startConsoleHarness(env);
    await before.playDays(3);
    await before.stop();

    const after = await startConsoleHarness(env, { firstRead: false });
    running.push(after);
    const slow = holdFirstRead(after);
    try {
      const cookie = await after.signIn(PEOPLE.manager);
      for (const page of ["effectiveness", "team", "rituals", "delivery"]) {
        const answer = await fetch(`${after.baseUrl}/admin/${page}`, { headers: { cookie } });
        const text = await answer.text();
        expect(answer.status, page).toBe(200);
        expect(text, page).not.toContain("has not been read yet");
        expect(text, page).toContain("manager: sees team of Mia Manager");
      }
      // Names come from the kept reps too: Ava is on Mia's team, Cy (another manager's) is not.
      const team = await (await fetch(`${after.baseUrl}/admin/team`, { headers: { cookie } })).text();
      expect(team).toContain("Ava Okafor");
      expect(team).not.toContain("Cy Vance");
      // A rep is still not let in: the kept roles say who is who.
      const rep = await fetch(`${after.baseUrl}/admin/team`, {
        headers: { cookie: await after.signIn(PEOPLE.rep) },
      });
      expect(rep.status).toBe(403);
      expect(slow.loads).toBe(1);
    } finally {
      slow.release();
    }
  }, 60_000);
});
