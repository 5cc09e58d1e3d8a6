import type { QuoteCurrency } from '@omnifolio/shared/api';
import type { CachedAnalytics, CachedOverview, PreferenceStore } from './preferences';

/** What the dashboard remembers from its last openings: the overview, the display currency, the analytics. */
export interface Remembered {
  cached: CachedOverview | null;
  currency: QuoteCurrency | null;
  /** Newest first; the dashboard shows the one for its range and currency while it asks again. */
  analytics: CachedAnalytics[];
}

/**
 * All read together, before the dashboard's first render, so its first frame already
 * shows the last numbers in the last currency: read from effects, they took a spinner frame
 * and two more renders first. A store that fails gives nothing remembered, not an error:
 * the companion's answer follows anyway.
 */
export async function readRemembered(preferences: PreferenceStore): Promise<Remembered> {
  const [cached, currency, analytics] = await Promise.all([
    preferences.getCachedOverview().catch(() => null),
    preferences.getCurrency().catch(() => null),
    preferences.getCachedAnalytics().catch(() => []),
  ]);
  return { cached, currency, analytics };
}
