// Money in more than one currency: one conversion path (rates from Salesforce or from the config) and
// one way to show it, so thresholds always compare amounts in the configured currency.
import type { IsoDate, Opportunity } from "./model.ts";

/** A rate valid from `from` (inclusive) until `until` (exclusive; null = still current). */
export interface DatedRate {
  currency: string;
  rate: number;
  from: IsoDate;
  until: IsoDate | null;
}

/**
 * Rates as Salesforce keeps them: units of each currency per one unit of the base (corporate)
 * currency. A config map of rates against the configured currency is the same shape with that
 * currency as base.
 */
export interface RateTable {
  base: string;
  rates: Readonly<Record<string, number>>;
  /** Dated rates (Salesforce advanced currency management), preferred for a record's close date. */
  dated?: readonly DatedRate[] | undefined;
}

/**
 * A rate table from the value of one unit of each currency in `base` (`EUR: 1.09` against USD), as
 * the configuration states them for CSV sources.
 */
export function rateTableFromValues(base: string, values: Readonly<Record<string, number>>): RateTable {
  const rates: Record<string, number> = {};
  for (const [code, value] of Object.entries(values)) if (value > 0) rates[code.toUpperCase()] = 1 / value;
  return { base: base.toUpperCase(), rates };
}

/** Units of `currency` per one unit of the table's base on `date`, or null when there is no rate. */
export function rateOn(table: RateTable, currency: string, date: IsoDate): number | null {
  const code = currency.toUpperCase();
  if (code === table.base.toUpperCase()) return 1;
  const dated = table.dated?.find(
    (rate) =>
      rate.currency.toUpperCase() === code && rate.from <= date && (rate.until === null || date < rate.until),
  );
  const rate = dated?.rate ?? table.rates[code] ?? null;
  return rate !== null && rate > 0 ? rate : null;
}

/** `amount` in `from` expressed in `to` on `date`; null when either currency has no rate. */
export function convert(
  amount: number,
  from: string,
  to: string,
  date: IsoDate,
  table: RateTable,
): number | null {
  if (from.toUpperCase() === to.toUpperCase()) return amount;
  const fromRate = rateOn(table, from, date);
  const toRate = rateOn(table, to, date);
  if (fromRate === null || toRate === null) return null;
  return (amount / fromRate) * toRate;
}

export interface Converted {
  opportunities: Opportunity[];
  /** Records left out because their currency has no rate, counted per currency. */
  noRate: Map<string, number>;
}

/**
 * Every opportunity with `amount` and `iacv` in `currency`, by the rate of its close date. A
 * converted record keeps its own money in `original` for display.
 */
export function convertOpportunities(
  opportunities: readonly Opportunity[],
  currency: string,
  table: RateTable | undefined,
): Converted {
  const target = currency.toUpperCase();
  const noRate = new Map<string, number>();
  const converted: Opportunity[] = [];
  for (const opp of opportunities) {
    const own = opp.currency?.toUpperCase();
    if (!own || own === target) {
      converted.push(opp);
      continue;
    }
    const at = (value: number | null) =>
      value === null ? null : table ? convert(value, own, target, opp.closeDate, table) : null;
    const amount = at(opp.amount);
    const iacv = at(opp.iacv);
    if ((opp.amount !== null && amount === null) || (opp.iacv !== null && iacv === null) || !table) {
      noRate.set(own, (noRate.get(own) ?? 0) + 1);
      continue;
    }
    converted.push({
      ...opp,
      amount,
      iacv,
      currency: target,
      original: { currency: own, amount: opp.amount },
    });
  }
  return { opportunities: converted, noRate };
}

const formats = new Map<string, Intl.NumberFormat>();

/** "$10,556", "€9,500", "¥600,000": whole units, in the currency's own symbol. */
export function formatMoney(amount: number | null | undefined, currency = "USD"): string {
  if (amount == null) return "no amount";
  const code = currency.toUpperCase();
  let format = formats.get(code);
  if (!format) {
    try {
      format = new Intl.NumberFormat("en-US", {
        style: "currency",
        currency: code,
        maximumFractionDigits: 0,
      });
    } catch {
      // Not an ISO code Intl knows: show the code rather than fail a digest over it.
      format = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });
      return `${format.format(amount)} ${code}`;
    }
    formats.set(code, format);
  }
  return format.format(amount);
}

/** An opportunity's money as a digest shows it: its own, then the converted figure when they differ. */
export function formatOpportunityMoney(opp: Pick<Opportunity, "amount" | "currency" | "original">): string {
  const converted = formatMoney(opp.amount, opp.currency);
  if (!opp.original || opp.original.amount === null) return converted;
  return `${formatMoney(opp.original.amount, opp.original.currency)} (≈ ${converted})`;
}
