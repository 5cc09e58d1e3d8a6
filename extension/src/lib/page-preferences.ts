import type { QuoteCurrency } from '@omnifolio/shared/api';
import { type CachedAnalytics, type CachedOverview, isQuoteCurrency, keepAnalytics, type PreferenceStore } from './preferences';

const CURRENCY_KEY = 'omnifolio.currency';

/**
 * Preferences of the dashboard when the companion serves it in a normal tab: there is no
 * extension storage there. The currency is remembered in `localStorage`; the overview is only
 * kept for the life of the page, because the companion is on the same machine and answers
 * at once.
 */
export function createPagePreferences(storage: Storage | null = safeLocalStorage()): PreferenceStore {
  let cached: CachedOverview | null = null;
  let analytics: CachedAnalytics[] = [];
  return {
    async getCurrency() {
      const value = storage?.getItem(CURRENCY_KEY);
      return isQuoteCurrency(value) ? value : 'USD';
    },
    async setCurrency(currency: QuoteCurrency) {
      storage?.setItem(CURRENCY_KEY, currency);
    },
    async getCachedOverview() {
      return cached;
    },
    async setCachedOverview(next: CachedOverview) {
      cached = next;
    },
    async getCachedAnalytics() {
      return analytics;
    },
    async setCachedAnalytics(entry: CachedAnalytics) {
      analytics = keepAnalytics(analytics, entry);
    },
  };
}

function safeLocalStorage(): Storage | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    // Access to localStorage throws when the browser blocks storage for the site.
    return null;
  }
}
