import type { QuoteCurrency } from '@omnifolio/shared/api';
import type { CachedOverview, PreferenceStore } from './preferences';

/** What the dashboard remembers from its last opening: the overview and the display currency. */
export interface Remembered {
  cached: CachedOverview | null;
  currency: QuoteCurrency | null;
}

/**
 * Both read together, before the dashboard's first render, so its first frame already
 * shows the last numbers in the last currency: read from effects, they took a spinner frame
 * and two more renders first. A store that fails gives nothing remembered, not an error:
 * the companion's answer follows anyway.
 */
export async function readRemembered(preferences: PreferenceStore): Promise<Remembered> {
  const [cached, currency] = await Promise.all([preferences.getCachedOverview().catch(() => null), preferences.getCurrency().catch(() => null)]);
  return { cached, currency };
}
