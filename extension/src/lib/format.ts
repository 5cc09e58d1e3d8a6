import type { DualValue, HoldingView, QuoteCurrency } from '@omnifolio/shared/api';
import { dec, formatMoney, toDecimalString } from '@omnifolio/shared/money';

/** What an asset without a price shows instead of a value. Never 0: 0 would be a lie. */
export const UNPRICED_LABEL = 'unpriced';

/** The decimal string of a dual value in one currency; `null` for an unpriced value. */
export function pickValue(value: DualValue | null, currency: QuoteCurrency): string | null {
  if (value === null) return null;
  return currency === 'USD' ? value.usd : value.chf;
}

export function formatValue(value: DualValue | null, currency: QuoteCurrency): string {
  const picked = pickValue(value, currency);
  return picked === null ? UNPRICED_LABEL : formatMoney(picked, currency);
}

/**
 * The price of one unit in the chosen currency. The API sends the USD price; the CHF price
 * is the CHF value divided by the quantity (exact to 60 digits, shown rounded).
 */
export function unitPrice(holding: Pick<HoldingView, 'priceUsd' | 'quantity' | 'value'>, currency: QuoteCurrency): string | null {
  if (currency === 'USD') return holding.priceUsd;
  if (holding.value === null) return null;
  const quantity = dec(holding.quantity);
  if (quantity.isZero()) return null;
  return toDecimalString(dec(holding.value.chf).div(quantity));
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
