import { isDisplayCurrency, type Overview, type QuoteCurrency } from '@omnifolio/shared/api';
import type { CompanionClient } from './companion-client';

/** The last overview the companion sent, kept so the popup opens instantly. */
export interface CachedOverview {
  overview: Overview;
  /** When the extension received it (ISO instant); the overview's own `asOf` may be older. */
  fetchedAt: string;
}

export type PerformanceData = Awaited<ReturnType<CompanionClient['performance']>>;
export type HistoryData = Awaited<ReturnType<CompanionClient['history']>>;
export type ExposureData = Awaited<ReturnType<CompanionClient['exposure']>>;
export type AllocationData = Awaited<ReturnType<CompanionClient['allocation']>>;

/**
 * The companion's last answers for one range and currency (`key`: `1M:USD`), kept so the popup
 * opens with its PnL and curve too, not only the total, and does not flash dashes while it
 * asks again.
 */
export interface CachedAnalytics {
  key: string;
  performance: PerformanceData;
  history: HistoryData;
  exposure: ExposureData;
  allocation: AllocationData;
  /** When the extension received them (ISO instant). */
  fetchedAt: string;
}

/** How many ranges and currencies are remembered: the popup's and the full tab's, in two currencies. */
export const KEPT_ANALYTICS = 4;

/** `entry` first, then the others remembered that are not for its key, at most KEPT_ANALYTICS. */
export function keepAnalytics(kept: readonly CachedAnalytics[], entry: CachedAnalytics): CachedAnalytics[] {
  return [entry, ...kept.filter((e) => e.key !== entry.key)].slice(0, KEPT_ANALYTICS);
}

/**
 * What the dashboard remembers between openings. The extension keeps it in
 * `browser.storage.local` (see settings.ts); the page served by the companion keeps the
 * currency in `localStorage` (see page-preferences.ts). Components never see which.
 */
export interface PreferenceStore {
  getCurrency(): Promise<QuoteCurrency>;
  setCurrency(currency: QuoteCurrency): Promise<void>;
  getCachedOverview(): Promise<CachedOverview | null>;
  setCachedOverview(cached: CachedOverview): Promise<void>;
  /** Newest first. */
  getCachedAnalytics(): Promise<CachedAnalytics[]>;
  setCachedAnalytics(entry: CachedAnalytics): Promise<void>;
}

export function isQuoteCurrency(value: unknown): value is QuoteCurrency {
  return isDisplayCurrency(value);
}
