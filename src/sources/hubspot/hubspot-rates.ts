// A HubSpot portal's money: `deal_currency_code` is each deal's currency (empty: the portal's).
// When the portal's currency is the one thresholds are in, HubSpot's own conversion
// (`amount_in_home_currency`) gives each currency's rate; otherwise the config's `currencies:`.
import { type RateTable, rateTableFromValues } from "../../domain/money.ts";
import type { ResolvedPropertyMap } from "./property-map.ts";
import type { FlatRecord } from "./read-records.ts";

export function hubspotRates(
  deals: FlatRecord[],
  map: ResolvedPropertyMap,
  companyCurrency: string | undefined,
  config: { currency: string; currencies: Readonly<Record<string, number>> },
): RateTable {
  const table = rateTableFromValues(config.currency, config.currencies);
  const home = companyCurrency?.toUpperCase() ?? config.currency.toUpperCase();
  const rates: Record<string, number> = { ...table.rates };
  const currencyField = map.deal.currency;
  const amountField = map.deal.amount;
  const homeField = map.deal.amountInHomeCurrency;
  if (home === table.base && currencyField && amountField && homeField) {
    const learnt = new Set<string>();
    for (const deal of deals) {
      const code = String(deal[currencyField] ?? "").toUpperCase();
      if (!code || code === home || learnt.has(code)) continue;
      const amount = Number(deal[amountField]);
      const inHome = Number(deal[homeField]);
      if (amount > 0 && inHome > 0) {
        rates[code] = amount / inHome;
        learnt.add(code);
      }
    }
  }
  return { base: table.base, rates };
}
