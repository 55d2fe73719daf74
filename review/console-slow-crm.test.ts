// F5: a slow CRM read (no snapshot cached yet) holds every console page, and stopping the bot
// waits for those requests: nothing bounds either.
import { expect, it } from "vitest";
import { PEOPLE, startConsoleHarness } from "../tests/helpers/console-harness.ts";
import { SlowSource } from "../tests/helpers/slow-source.ts";

it("hangs pages and shutdown while the CRM read hangs", async () => {
  const h = await startConsoleHarness();
  // biome-ignore lint/suspicious/noExplicitAny: reaching into the cache for the repro
  const cache = h.bot.pipeline as any;
  const { snapshot } = await cache.options.source.load();
  const slow = new SlowSource(snapshot).hold();
  cache.options.source = slow;
  cache.loaded = null;
  const cookie = await h.signIn(PEOPLE.admin);
  const started = Date.now();
  const page = fetch(`${h.baseUrl}/admin/delivery`, {
    headers: { cookie },
    signal: AbortSignal.timeout(3000),
  }).then(
    (r) => `answered ${r.status}`,
    (e: Error) => `no answer after ${Date.now() - started} ms (${e.name})`,
  );
  expect(await page).toMatch(/^no answer/);
  // A second request while the first is still in the server (the abort only closed our side).
  const second = fetch(`${h.baseUrl}/admin/team`, { headers: { cookie } }).catch(() => null);
  await new Promise((r) => setTimeout(r, 200));
  const stopStarted = Date.now();
  const stop = h.app.stop().then(() => Date.now() - stopStarted);
  const raced = await Promise.race([stop, new Promise((r) => setTimeout(() => r("still stopping"), 3000))]);
  console.log("F5 page:", await page, "| stop after 3 s:", raced, "| CRM loads started:", slow.loads);
  expect(raced).toBe("still stopping");
  slow.release();
  console.log("F5 stop finished", await stop, "ms after it was asked, once the CRM answered");
  await second;
  await h.bot.store.close();
  await h.oidc.close();
});
