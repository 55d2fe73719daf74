// How the console writes numbers: percentages, money, counts and days, through Intl, one way everywhere.
import { formatMoney } from "../../domain/money.ts";

const percentFormat = new Intl.NumberFormat("en-US", { style: "percent", maximumFractionDigits: 0 });
const countFormat = new Intl.NumberFormat("en-US");
const daysFormat = new Intl.NumberFormat("en-US", { maximumFractionDigits: 1 });

/** 0.43 → "43%"; a dash when there is nothing to divide. */
export const percent = (share: number | null | undefined): string =>
  share === null || share === undefined ? "–" : percentFormat.format(share);

export const count = (value: number): string => countFormat.format(value);

export const workingDays = (value: number | null): string =>
  value === null ? "–" : daysFormat.format(value);

/** Whole units in the currency's own symbol ("$10,556"), "–" when unknown. */
export const money = (amount: number | null | undefined, currency: string): string =>
  amount === null || amount === undefined ? "–" : formatMoney(amount, currency);

/** A share rounded for a chart: the same whole percent the table shows, as 0…1. */
export const chartShare = (share: number | null | undefined): number | null =>
  share === null || share === undefined ? null : Math.round(share * 100) / 100;
