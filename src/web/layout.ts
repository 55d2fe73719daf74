// The frame of every console page: head (stylesheets and deferred scripts from our own origin),
// the header with the product name, the page links, who is signed in and the sign-out form, an
// optional demo banner, then <main>. Sign-in, refusal and error pages use it without the links.
import type { Viewer } from "../services/access.ts";
import { CONSOLE_PAGES, type ConsolePages, type PageId } from "./console-pages.ts";
import { CSRF_FIELD } from "./csrf.ts";
import { html, type SafeHtml } from "./html.ts";

export const PRODUCT_NAME = "nudgebot";

export interface FrameOptions {
  title: string;
  body: SafeHtml;
  assets: Pick<ConsolePages, "styles" | "scripts">;
  /** The signed-in person and their CSRF token: shows who they are and the sign-out form. */
  signedIn?: { viewer: Viewer; name: string | null; csrf: string };
  /** The page whose link is marked current; no links at all when left out. */
  current?: PageId;
  /** A banner saying this is the demo, not a real sign-in. */
  demo?: boolean;
  /** Extra class on <main>, e.g. "error-page". */
  mainClass?: string;
}

const assetUrl = (name: string) => `/admin/assets/${encodeURIComponent(name)}`;

/** "everyone" for an admin, "team of <manager>" for a manager. */
export function scopeOf(viewer: Viewer): string {
  if (viewer.isAdmin) return "everyone";
  if (viewer.isManager && viewer.rep) return `team of ${viewer.rep.name}`;
  return "nothing";
}

/** Who is signed in and what they see, then the sign-out form: two items of the header's row. */
function who(signedIn: NonNullable<FrameOptions["signedIn"]>): SafeHtml {
  const { viewer } = signedIn;
  const name = signedIn.name ?? viewer.rep?.name ?? viewer.email ?? viewer.userId;
  const role = viewer.isAdmin ? "admin" : viewer.isManager ? "manager" : "no access";
  return html`<div class="who"><span class="who-name">${name}</span> · <span class="who-scope">${role}: sees ${scopeOf(viewer)}</span></div>
<form class="sign-out" method="post" action="/admin/logout">
<input type="hidden" name="${CSRF_FIELD}" value="${signedIn.csrf}">
<button type="submit">Sign out</button>
</form>`;
}

function nav(current: PageId): SafeHtml {
  return html`<nav class="pages" aria-label="Console pages">${CONSOLE_PAGES.map(
    (page) =>
      html`<a href="/admin/${page.id}"${page.id === current ? html` aria-current="page"` : ""}>${page.title}</a>`,
  )}</nav>`;
}

export function frame(options: FrameOptions): string {
  const { assets } = options;
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${options.title} · ${PRODUCT_NAME} console</title>
<link rel="icon" href="data:,">
${assets.styles.map((name) => html`<link rel="stylesheet" href="${assetUrl(name)}">\n`)}${assets.scripts.map(
  (name) => html`<script defer src="${assetUrl(name)}"></script>\n`,
)}</head>
<body>
${options.demo ? html`<div class="demo-banner" role="note">Demo sign-in: the bundled sample and the demo database, on this computer only. The real console signs in with Slack.</div>\n` : ""}<header class="top">
<a class="brand" href="/admin">${PRODUCT_NAME}</a>
${options.current ? nav(options.current) : ""}
${options.signedIn ? who(options.signedIn) : ""}
</header>
<main${options.mainClass ? html` class="${options.mainClass}"` : ""}>
<h1>${options.title}</h1>
${options.body}
</main>
</body>
</html>
`.value;
}
