import type { DualValue, HoldingView, Overview, QuoteCurrency } from '@omnifolio/shared/api';
import { dec, formatMoney, toDecimalString } from '@omnifolio/shared/money';

/** What an asset without a price shows instead of a value. Never 0: 0 would be a lie. */
export const UNPRICED_LABEL = 'unpriced';

/**
 * The decimal string of a value in one currency; `null` for an unpriced value. A currency
 * other than USD and CHF is the base currency the companion converted to (`base`); the
 * dashboard offers only the currencies the overview carries (`shownCurrencies`).
 */
export function pickValue(value: DualValue | null, currency: QuoteCurrency): string | null {
  if (value === null) return null;
  if (currency === 'USD') return value.usd;
  if (currency === 'CHF') return value.chf;
  return value.base ?? null;
}

/**
 * The currencies an overview can be shown in: the user's base currency first when the
 * companion converted to it (a rate is known), then USD and CHF, which every value carries.
 */
export function shownCurrencies(overview: Pick<Overview, 'base'> | null | undefined): QuoteCurrency[] {
  const base = overview?.base;
  const converted = base && base.currency !== 'USD' && base.currency !== 'CHF' && base.perUsd !== null ? [base.currency] : [];
  return [...converted, 'USD', 'CHF'];
}

/**
 * The currency to show: the one last chosen if the overview carries it; else the base
 * currency (chosen in the options since); else USD.
 */
export function shownCurrency(preferred: QuoteCurrency, overview: Pick<Overview, 'base'> | null | undefined): QuoteCurrency {
  const available = shownCurrencies(overview);
  if (available.includes(preferred)) return preferred;
  const base = overview?.base?.currency;
  return base !== undefined && available.includes(base) ? base : 'USD';
}

export function formatValue(value: DualValue | null, currency: QuoteCurrency): string {
  const picked = pickValue(value, currency);
  return picked === null ? UNPRICED_LABEL : formatMoney(picked, currency);
}

/**
 * The price of one unit in the chosen currency. The API sends the USD price; another
 * currency's price is the value in it divided by the quantity (exact to 60 digits, shown rounded).
 */
export function unitPrice(holding: Pick<HoldingView, 'priceUsd' | 'quantity' | 'value'>, currency: QuoteCurrency): string | null {
  if (currency === 'USD') return holding.priceUsd;
  const value = pickValue(holding.value, currency);
  if (value === null) return null;
  const quantity = dec(holding.quantity);
  if (quantity.isZero()) return null;
  return toDecimalString(dec(value).div(quantity));
}

/**
 * Prices below 1 keep four significant digits ($0.0001234), others two decimals ($64,210.55),
 * so a small-cap token does not show as $0.00.
 */
export function priceFractionDigits(price: string): number {
  const magnitude = dec(price).abs();
  if (magnitude.isZero() || magnitude.gte(1)) return 2;
  const places = magnitude.toSignificantDigits(4).decimalPlaces();
  return Math.max(2, Math.min(12, places));
}

export function formatPrice(price: string | null, currency: QuoteCurrency): string {
  if (price === null) return UNPRICED_LABEL;
  return formatMoney(price, currency, 'en-US', priceFractionDigits(price));
}

const relative = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });
const absolute = new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeStyle: 'short' });

/** "just now", "4 minutes ago", "yesterday"; a date beyond a week. */
export function formatRelativeTime(iso: string, now: Date = new Date()): string {
  const then = Date.parse(iso);
  if (Number.isNaN(then)) return 'at an unknown time';
  const seconds = Math.round((then - now.getTime()) / 1000);
  const abs = Math.abs(seconds);
  if (abs < 45) return 'just now';
  if (abs < 45 * 60) return relative.format(Math.round(seconds / 60), 'minute');
  if (abs < 22 * 3600) return relative.format(Math.round(seconds / 3600), 'hour');
  if (abs < 7 * 86400) return relative.format(Math.round(seconds / 86400), 'day');
  return `on ${absolute.format(then)}`;
}

/** "21 Nov 2026": a reference day (the ECB's) is a calendar day, so it is written in UTC, never shifted by the zone. */
const calendarDay = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });

export function formatReferenceDay(day: string): string {
  const at = Date.parse(`${day}T00:00:00Z`);
  return Number.isNaN(at) ? day : calendarDay.format(at);
}

export function formatTimestamp(iso: string): string {
  const then = Date.parse(iso);
  return Number.isNaN(then) ? iso : absolute.format(then);
}

/** "1 connection", "3 connections". */
export function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : pluralForm}`;
}
