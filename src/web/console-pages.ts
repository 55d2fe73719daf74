// The admin console's pages as the web layer sees them: which pages exist, and the port that renders
// them. Sign-in, sessions and routing live in the web layer; what a page shows lives behind this port.
import type { Viewer } from "../services/access.ts";
import type { SafeHtml } from "./html.ts";

export const CONSOLE_PAGES = [
  { id: "effectiveness", title: "Effectiveness" },
  { id: "team", title: "Team" },
  { id: "rituals", title: "Rituals" },
  { id: "delivery", title: "Delivery" },
] as const;

export type PageId = (typeof CONSOLE_PAGES)[number]["id"];

export const isPageId = (value: string): value is PageId => CONSOLE_PAGES.some((page) => page.id === value);

export interface PageContent {
  /** The page's heading and the first part of its <title>. */
  title: string;
  /** What goes inside <main>: built with `html`, so every user or CRM value is escaped. */
  body: SafeHtml;
}

export interface StaticAsset {
  contentType: string;
  body: Buffer | string;
}

/** What a page's forms carry: the session's CSRF token, for the `csrf` field. */
export interface PageForms {
  csrf: string;
}

/** How a form posted to a page ended: done, refused (admins only), or not understood. */
export type PageActOutcome = "done" | "forbidden" | "invalid";

export interface ConsolePages {
  /**
   * A page as `viewer` may see it: admins everyone, managers their team. Called only for admins
   * and managers; `query` is the request's query string (e.g. `since`); `forms` what its forms carry.
   */
  render(page: PageId, viewer: Viewer, query: URLSearchParams, forms?: PageForms): Promise<PageContent>;
  /**
   * A form posted to `/admin/<page>/<action>`, after its CSRF token was checked: the change it asks
   * for, made when `viewer` may make it. Left out where no page takes forms.
   */
  act?(page: PageId, action: string, viewer: Viewer, form: URLSearchParams): Promise<PageActOutcome>;
  /** A file served at /admin/assets/<name> (stylesheet, chart library, chart script), or undefined. */
  asset(name: string): StaticAsset | undefined;
  /** Asset names every page links as stylesheets, in order. */
  readonly styles: readonly string[];
  /** Asset names every page loads as scripts (deferred), in order. */
  readonly scripts: readonly string[];
}
