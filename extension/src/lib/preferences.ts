import { isDisplayCurrency, type Overview, type QuoteCurrency } from '@omnifolio/shared/api';

/** The last overview the companion sent, kept so the popup opens instantly. */
export interface CachedOverview {
  overview: Overview;
  /** When the extension received it (ISO instant); the overview's own `asOf` may be older. */
  fetchedAt: string;
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
}

export function isQuoteCurrency(value: unknown): value is QuoteCurrency {
  return isDisplayCurrency(value);
}
