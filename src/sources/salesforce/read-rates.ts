// A multi-currency org's conversion rates: CurrencyType always, DatedConversionRate when the org has
// advanced currency management (the query fails or comes back empty otherwise).
import type { DatedRate, RateTable } from "../../domain/money.ts";
import type { SalesforceClient } from "./salesforce-client.ts";
import { SalesforceError } from "./salesforce-errors.ts";
import { CURRENCIES_QUERY, DATED_RATES_QUERY } from "./soql.ts";

interface CurrencyRow {
  IsoCode: string;
  ConversionRate: number;
  IsCorporate: boolean;
}

interface DatedRow {
  IsoCode: string;
  ConversionRate: number;
  StartDate: string;
  NextStartDate: string | null;
}

export async function readRates(client: SalesforceClient): Promise<RateTable> {
  const [currencies, dated] = await Promise.all([
    client.query<CurrencyRow>(CURRENCIES_QUERY, "reading currency rates"),
    client.query<DatedRow>(DATED_RATES_QUERY, "reading dated currency rates").catch((error: unknown) => {
      // Without advanced currency management the object is not there: plain rates only.
      if (error instanceof SalesforceError && error.status !== null && error.status < 500) return [];
      throw error;
    }),
  ]);
  const base = currencies.find((row) => row.IsCorporate)?.IsoCode ?? "USD";
  const rates: Record<string, number> = {};
  for (const row of currencies) rates[row.IsoCode.toUpperCase()] = row.ConversionRate;
  const datedRates: DatedRate[] = dated.map((row) => ({
    currency: row.IsoCode.toUpperCase(),
    rate: row.ConversionRate,
    from: row.StartDate.slice(0, 10),
    until: row.NextStartDate ? row.NextStartDate.slice(0, 10) : null,
  }));
  return { base, rates, dated: datedRates };
}
