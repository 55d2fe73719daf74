// The console's pages that are not reports: signed out, refused (403), not found, a failed sign-in,
// too many sign-ins, a form too large, the CRM not read yet and the plain error page. Same frame as
// the reports, without the links.
import type { Viewer } from "../services/access.ts";
import type { ConsolePages } from "./console-pages.ts";
import { html, type SafeHtml } from "./html.ts";
import { frame } from "./layout.ts";

type Assets = Pick<ConsolePages, "styles" | "scripts">;

export interface StatusPageOptions {
  assets: Assets;
  demo?: boolean;
  signedIn?: { viewer: Viewer; name: string | null; csrf: string };
}

const plain = (options: StatusPageOptions, title: string, body: SafeHtml): string =>
  frame({ ...options, title, body, mainClass: "error-page" });

export const signedOutPage = (options: StatusPageOptions): string =>
  plain(
    options,
    "Signed out",
    html`<p>You are signed out of the console.</p><p>Signing out ends your console sessions in every browser you had signed in with, not only this one.</p><p><a class="sign-in" href="/admin/login">Sign in again</a></p>`,
  );

/** Signed in, but neither an admin nor a manager: who they are, and why that is not enough. */
export function forbiddenPage(options: StatusPageOptions & { name: string | null }): string {
  const viewer = options.signedIn?.viewer;
  const who = options.name ?? viewer?.email ?? viewer?.userId ?? "someone";
  const why = !viewer?.rep
    ? html`Your Slack account${viewer?.email ? html` (${viewer.email})` : ""} is not a rep, manager or admin in the pipeline nudgebot reads, nor an admin named in its configuration.`
    : html`In the pipeline you are a rep (${viewer.rep.email}). The console shows team reports: managers see their team, admins everyone.`;
  return plain(
    options,
    "Not for this account",
    html`<p>You are signed in as <strong>${who}</strong>.</p><p>${why}</p><p>If that is wrong, ask an admin to give you the manager or admin role in the CRM, or to link your Slack account to your CRM user, then sign in again.</p>`,
  );
}

export const notFoundPage = (options: StatusPageOptions): string =>
  plain(
    options,
    "Not found",
    html`<p>There is no console page at this address.</p><p><a href="/admin">Go to the console</a></p>`,
  );

export const signInFailedPage = (options: StatusPageOptions, message: string): string =>
  plain(
    options,
    "Sign-in did not complete",
    html`<p>${message}</p><p><a class="sign-in" href="/admin/login">Sign in again</a></p>`,
  );

/** A change only admins make (moving a rule to the weekly cleanup), asked for by someone else. */
export const adminsOnlyPage = (options: StatusPageOptions): string =>
  plain(
    options,
    "Admins only",
    html`<p>Only admins move rules between the daily digest and the weekly cleanup. Nothing was changed.</p><p><a href="/admin/effectiveness">Back to Effectiveness</a></p>`,
  );

export const csrfRefusedPage = (options: StatusPageOptions): string =>
  plain(
    options,
    "Form refused",
    html`<p>This form did not come from your console session (it is from an older sign-in, or from another site). Nothing was changed.</p><p><a href="/admin">Back to the console</a></p>`,
  );

export const tooManySignInsPage = (options: StatusPageOptions): string =>
  plain(
    options,
    "Too many sign-ins",
    html`<p>Too many sign-ins were started from your address in the last minute. Wait a minute, then sign in again.</p>`,
  );

export const formTooLargePage = (options: StatusPageOptions): string =>
  plain(
    options,
    "Form too large",
    html`<p>The form sent was larger than any console form can be, so it was not read. Nothing was changed.</p><p><a href="/admin">Back to the console</a></p>`,
  );

/** Before the bot's first scan, nobody's role is known: a page says so rather than wait for the CRM. */
export const crmNotReadPage = (options: StatusPageOptions): string =>
  plain(
    options,
    "The CRM has not been read yet",
    html`<p>The CRM has not been read yet: the first scan reads it within a minute or so of the bot starting. Reload this page in a minute.</p>`,
  );

export const errorPage = (options: StatusPageOptions): string =>
  plain(
    options,
    "Something went wrong",
    html`<p>The console could not show this page. The error is in the bot's log; try again in a minute.</p><p><a href="/admin">Back to the console</a></p>`,
  );
