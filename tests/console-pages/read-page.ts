// Reads a rendered page as a person (or a chart) would: a table's rows as text, a chart's data.
import type { ChartSpec } from "../../src/web/pages/markup.ts";

const ENTITIES: Record<string, string> = {
  "&amp;": "&",
  "&lt;": "<",
  "&gt;": ">",
  "&quot;": '"',
  "&#39;": "'",
};

/** Markup to the text a browser shows: tags dropped, entities decoded, spaces collapsed. */
export function text(markup: string): string {
  return markup
    .replace(/<[^>]*>/g, " ")
    .replace(/&(amp|lt|gt|quot|#39);/g, (entity) => ENTITIES[entity] ?? entity)
    .replace(/\s+/g, " ")
    .trim();
}

/** The body rows of the table with this id: each row's header cell, then its data cells, as text. */
export function tableRows(body: string, id: string): string[][] {
  const found = body.match(new RegExp(`<table id="${id}">([\\s\\S]*?)</table>`));
  if (!found?.[1]) throw new Error(`no table #${id}`);
  const tbody = found[1].split("<tbody>")[1] ?? "";
  return [...tbody.matchAll(/<tr[^>]*>([\s\S]*?)<\/tr>/g)].map((row) =>
    [...(row[1] ?? "").matchAll(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>/g)].map((cell) => text(cell[1] ?? "")),
  );
}

/** The column headings of the table with this id. */
export function tableColumns(body: string, id: string): string[] {
  const found = body.match(new RegExp(`<table id="${id}">[\\s\\S]*?<thead>([\\s\\S]*?)</thead>`));
  return [...(found?.[1] ?? "").matchAll(/<th[^>]*>([\s\S]*?)<\/th>/g)].map((cell) => text(cell[1] ?? ""));
}

/** The data a chart is drawn from, as charts.js reads it from the page. */
export function chartData(body: string, id: string): ChartSpec {
  const found = body.match(
    new RegExp(
      `<canvas data-chart="${id}"[^>]*></canvas></div>[\\s\\S]*?<script type="application/json" id="${id}">([\\s\\S]*?)</script>`,
    ),
  );
  if (!found?.[1]) throw new Error(`no chart ${id} with its data`);
  return JSON.parse(found[1]) as ChartSpec;
}

/** A chart share (0…1) as the table writes it. */
export const asPercent = (share: number | null): string =>
  share === null ? "–" : `${Math.round(share * 100)}%`;
