// The demo's sign-in, for `nudgebot demo --history --serve` only (never wired by `serve`): a page
// that lets you pick the sample's admin or one of its managers. It goes through the same machinery
// as Sign in with Slack: a one-use signed sign-in cookie whose state the form must bring back, then
// the same session cookie and CSRF-checked sign-out.
import { randomBytes } from "node:crypto";
import type { Rep } from "../domain/model.ts";
import { readForm, redirect, sendHtml } from "./console-http.ts";
import type { SignInContext, SignInRoutes } from "./console-routes.ts";
import { html } from "./html.ts";
import { frame } from "./layout.ts";
import type { Identity } from "./session-cookie.ts";
import { safeReturnPath } from "./sign-in-state.ts";
import { csrfRefusedPage, signInFailedPage } from "./status-pages.ts";

/** The people the demo offers: the admin(s) first, then the managers. */
export function demoPeople(reps: readonly Rep[]): Identity[] {
  const order = (rep: Rep) => (rep.role === "admin" ? 0 : 1);
  return reps
    .filter((rep) => rep.role === "admin" || rep.role === "manager")
    .sort((a, b) => order(a) - order(b) || a.name.localeCompare(b.name))
    .map((rep) => ({
      userId: `demo:${rep.email.toLowerCase()}`,
      email: rep.email.toLowerCase(),
      name: rep.name,
    }));
}

export function demoSignIn(people: Identity[], roles: Map<string, string>): SignInRoutes {
  return {
    "GET /admin/login": async ({ res, url, states, session, status }: SignInContext) => {
      const returnTo = safeReturnPath(url.searchParams.get("return"));
      if (session) return redirect(res, returnTo, {}, 302);
      const state = randomBytes(16).toString("base64url");
      const cookie = states.remember({ state, nonce: "", verifier: "", returnTo });
      const body = html`<p>This is the demo: nobody signs in with Slack here. Pick who to be; the console then shows what that person would see.</p>
<form class="demo-sign-in" method="post" action="/admin/login">
<input type="hidden" name="state" value="${state}">
<ul>${people.map(
        (person) =>
          html`<li><button type="submit" name="person" value="${person.email ?? ""}">${person.name} (${roles.get(person.email ?? "") ?? ""})</button></li>`,
      )}</ul>
</form>`;
      sendHtml(res, 200, frame({ ...status, title: "Demo sign-in", body }), { "set-cookie": cookie });
    },

    "POST /admin/login": async ({ req, res, states, status, signedIn }: SignInContext) => {
      const form = await readForm(req);
      const remembered = states.consume(req, form.get("state"));
      if (!remembered) return sendHtml(res, 403, csrfRefusedPage(status), { "set-cookie": states.clear() });
      const person = people.find((candidate) => candidate.email === form.get("person"));
      if (!person)
        return sendHtml(res, 400, signInFailedPage(status, "Pick one of the people listed."), {
          "set-cookie": states.clear(),
        });
      await signedIn(person, safeReturnPath(remembered.returnTo), { "set-cookie": states.clear() });
    },
  };
}
