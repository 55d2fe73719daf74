// Trips against their return: per trip, what it was planned to cost, the pipeline it had to create to
// be worth it (the handbook's ROI: cost × return ÷ close rate) and the pipeline its notes report.
import type { PlannedTrip, TripNotes } from "../../domain/rituals.ts";
import { type RoiSettings, tripRoi } from "../../domain/roi.ts";
import type { Store } from "../../store/store.ts";
import { html, type SafeHtml } from "../html.ts";
import { money } from "./figures.ts";
import { chart, empty, table } from "./markup.ts";
import type { Scope } from "./scope.ts";

/** The trip planner and the notes form ask for dollars, as their Slack views show them. */
export const TRIP_CURRENCY = "USD";
/** The chart shows the latest trips; the table lists them all. */
const CHARTED_TRIPS = 12;

interface TripRow {
  event: string;
  rep: string;
  startDate: string;
  status: string;
  cost: number | null;
  needed: number | null;
  created: number | null;
}

export async function tripsSection(
  store: Pick<Store, "listTripNotes" | "listAllPlannedTrips">,
  scope: Scope,
  roi: RoiSettings,
): Promise<SafeHtml> {
  // Two reads whatever the number of trips: notes, and every planned trip, matched here by id.
  const [notes, trips] = await Promise.all([store.listTripNotes(), store.listAllPlannedTrips()]);
  const byId = new Map(trips.map((trip) => [trip.id, trip]));
  const seen = notes.filter((entry) => scope.sees(entry.rep));
  // Planned trips with notes are listed through their notes; the rest are still open.
  const open = trips.filter((trip) => trip.status === "planned" && scope.sees(trip.rep));
  const rows: TripRow[] = [
    ...seen.map((entry) => noted(entry, (entry.tripId && byId.get(entry.tripId)) || null, roi, scope)),
    ...open.map((trip) => planned(trip, roi, scope)),
  ].sort((a, b) =>
    a.startDate < b.startDate ? 1 : a.startDate > b.startDate ? -1 : a.event.localeCompare(b.event),
  );
  const heading = html`<h2>Trips</h2>
<p>Per trip: the planned cost, the pipeline it must create to be worth it (cost × ${roi.returnMultiple}
÷ ${roi.eventCloseRate}, from <code>roi:</code> in the config) and the pipeline created, as its trip
notes report it.</p>`;
  if (rows.length === 0) {
    return html`${heading}${empty("No trip planned or noted yet: reps plan one with /tripnote plan and note it with /tripnote.")}`;
  }
  const charted = rows.slice(0, CHARTED_TRIPS).reverse();
  return html`${heading}
${chart("chart-trips", `Planned cost, pipeline needed and pipeline created, latest ${charted.length} trips`, {
  kind: "bar",
  unit: "money",
  currency: TRIP_CURRENCY,
  labels: charted.map((row) => `${row.event} (${row.startDate})`),
  series: [
    { label: "Planned cost", values: charted.map((row) => row.cost) },
    { label: "Pipeline needed", values: charted.map((row) => row.needed) },
    { label: "Pipeline created", values: charted.map((row) => row.created) },
  ],
})}
${table(
  "Trips: planned cost, pipeline needed and pipeline created",
  ["Trip", "Rep", "Starts", "Status", "Planned cost", "Pipeline needed", "Pipeline created"],
  rows.map((row) => ({
    head: row.event,
    cells: [
      row.rep,
      row.startDate,
      row.status,
      money(row.cost, TRIP_CURRENCY),
      money(row.needed, TRIP_CURRENCY),
      money(row.created, TRIP_CURRENCY),
    ],
    ...(row.created !== null && row.needed !== null && row.created >= row.needed ? { className: "met" } : {}),
  })),
  "trips",
)}`;
}

function planned(trip: PlannedTrip, roi: RoiSettings, scope: Scope): TripRow {
  const figures = tripRoi(trip, roi);
  return {
    event: trip.eventName,
    rep: scope.nameOf(trip.rep),
    startDate: trip.startDate,
    status: "planned, no notes yet",
    cost: figures.totalCost,
    needed: figures.pipelineNeeded,
    created: null,
  };
}

function noted(notes: TripNotes, trip: PlannedTrip | null, roi: RoiSettings, scope: Scope): TripRow {
  const figures = trip ? tripRoi(trip, roi) : null;
  return {
    event: notes.eventName,
    rep: scope.nameOf(notes.rep),
    startDate: notes.startDate,
    status: trip ? "notes in" : "notes in, not planned",
    cost: figures?.totalCost ?? null,
    needed: figures?.pipelineNeeded ?? null,
    created: notes.pipelineCreated,
  };
}
