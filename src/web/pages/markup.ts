// The console's building blocks: a chart (canvas plus its data as JSON, drawn by assets/console/charts.js)
// and the accessible table that always carries the same numbers. Every value goes through `html`.
import { html, jsonForScript, type SafeHtml } from "../html.ts";

/**
 * What charts.js draws: series of values over labels, as a line or (stacked) bars; or, as
 * `interval`, each label's value as a point on its range drawn as a horizontal bar (a series with
 * `ranges` is the bars, one with only `values` the points).
 */
export interface ChartSpec {
  kind: "line" | "bar" | "interval";
  labels: string[];
  series: {
    label: string;
    values: (number | null)[];
    dashed?: boolean;
    ranges?: ([number, number] | null)[];
  }[];
  /** percent: values are shares 0…1; money: whole units of `currency`; points: percentage points. */
  unit: "percent" | "count" | "money" | "points";
  currency?: string;
  stacked?: boolean;
}

/**
 * A chart with its data beside it in a non-executed script element, its legend as a list (every
 * series named, wrapping on a phone where Chart.js's own legend would drop some), and a caption
 * saying what it shows.
 */
export function chart(id: string, caption: string, spec: ChartSpec): SafeHtml {
  return html`<figure class="chart">
  <div class="chart-box"><canvas data-chart="${id}" role="img" aria-label="${caption}"></canvas></div>
  <ul class="chart-legend" data-legend="${id}">${spec.series.map(
    (series) =>
      html`<li${series.dashed ? html` class="dashed"` : ""}><span class="swatch"></span>${series.label}</li>`,
  )}</ul>
  <script type="application/json" id="${id}">${jsonForScript(spec)}</script>
  <figcaption>${caption} <span class="muted">(the numbers are in the table below)</span></figcaption>
</figure>`;
}

export type Cell = SafeHtml | string | number;

export interface TableRow {
  /** The row's name: the first cell, a row header. */
  head: Cell;
  cells: Cell[];
  /** e.g. "noisy": styles the row and says so to screen readers through the cells themselves. */
  className?: string;
}

/** A table that scrolls sideways on a narrow screen, with a caption and scoped headers. */
export function table(caption: Cell, columns: string[], rows: TableRow[], id?: string): SafeHtml {
  return html`<div class="table-scroll"><table${id ? html` id="${id}"` : ""}>
  <caption>${caption}</caption>
  <thead><tr>${columns.map((column) => html`<th scope="col">${column}</th>`)}</tr></thead>
  <tbody>${rows.map(
    (row) =>
      html`<tr${row.className ? html` class="${row.className}"` : ""}><th scope="row">${row.head}</th>${row.cells.map(
        (cell) => html`<td>${cell}</td>`,
      )}</tr>`,
  )}</tbody>
</table></div>`;
}

/** A short message in place of a chart and table when there is nothing to show yet. */
export const empty = (text: Cell): SafeHtml => html`<p class="empty">${text}</p>`;

/** A warning the viewer should read first: the CRM read failed, a bad parameter was ignored. */
export const notice = (text: Cell): SafeHtml => html`<p class="notice" role="status">${text}</p>`;
