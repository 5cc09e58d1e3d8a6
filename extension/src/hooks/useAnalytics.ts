import type { QuoteCurrency } from '@omnifolio/shared/api';
import { useEffect, useRef, useState } from 'react';
import type { PerformanceRangeName } from '../lib/companion-client';
import type { Environment } from '../lib/environment';
import type { AllocationData, CachedAnalytics, ExposureData, HistoryData, PerformanceData } from '../lib/preferences';

export type { AllocationData, ExposureData, HistoryData, PerformanceData } from '../lib/preferences';

export interface Analytics {
  performance: PerformanceData | null;
  history: HistoryData | null;
  exposure: ExposureData | null;
  allocation: AllocationData | null;
  loading: boolean;
}

/** Answers already seen this session, by request, so switching back to a range is instant. */
const memory = new Map<string, unknown>();

/**
 * Answers remembered from earlier openings (lib/remembered.ts) fill in what this page has not
 * asked yet: a new popup starts with its last PnL and curve. An answer of this page wins.
 */
export function recall(remembered: readonly CachedAnalytics[], into: Map<string, unknown> = memory): void {
  // Newest first: for a currency's exposure and allocation, the newest remembered answer wins.
  for (const entry of remembered) {
    const currency = entry.key.slice(entry.key.indexOf(':') + 1);
    if (!into.has(`p:${entry.key}`)) into.set(`p:${entry.key}`, entry.performance);
    if (!into.has(`h:${entry.key}`)) into.set(`h:${entry.key}`, entry.history);
    if (!into.has(`e:${currency}`)) into.set(`e:${currency}`, entry.exposure);
    if (!into.has(`a:${currency}`)) into.set(`a:${currency}`, entry.allocation);
  }
}

/**
 * Performance, the equity curve, exposure and allocation for the chosen range and currency.
 * Shows what it had for the same request at once (this page's answers, else the remembered
 * ones) and asks again in the background; asks again whenever `version` changes (a new
 * overview: a sync finished, prices moved). Each answer is remembered for the next opening.
 * A failure keeps the last answer: the overview's own status says what is wrong.
 */
export function useAnalytics(
  environment: Environment,
  enabled: boolean,
  range: PerformanceRangeName,
  currency: QuoteCurrency | null,
  version: string | null,
  remembered: readonly CachedAnalytics[] = [],
): Analytics {
  const key = `${range}:${currency}`;
  const [state, setState] = useState<Analytics>(() => {
    recall(remembered);
    return {
      performance: (memory.get(`p:${key}`) as PerformanceData | undefined) ?? null,
      history: (memory.get(`h:${key}`) as HistoryData | undefined) ?? null,
      exposure: (memory.get(`e:${currency}`) as ExposureData | undefined) ?? null,
      allocation: (memory.get(`a:${currency}`) as AllocationData | undefined) ?? null,
      loading: enabled,
    };
  });
  const generation = useRef(0);

  useEffect(() => {
    if (!enabled || currency === null) return;
    const mine = ++generation.current;
    setState((s) => ({
      performance: (memory.get(`p:${key}`) as PerformanceData | undefined) ?? s.performance,
      history: (memory.get(`h:${key}`) as HistoryData | undefined) ?? s.history,
      exposure: (memory.get(`e:${currency}`) as ExposureData | undefined) ?? s.exposure,
      allocation: (memory.get(`a:${currency}`) as AllocationData | undefined) ?? s.allocation,
      loading: true,
    }));
    void (async () => {
      try {
        const { client } = await environment.access();
        const [performance, history, exposure, allocation] = await Promise.all([
          client.performance(range, currency),
          client.history(range, currency),
          client.exposure(currency),
          client.allocation(currency),
        ]);
        memory.set(`p:${key}`, performance);
        memory.set(`h:${key}`, history);
        memory.set(`e:${currency}`, exposure);
        memory.set(`a:${currency}`, allocation);
        void environment.preferences
          .setCachedAnalytics({ key, performance, history, exposure, allocation, fetchedAt: new Date().toISOString() })
          .catch(() => {});
        if (mine === generation.current) setState({ performance, history, exposure, allocation, loading: false });
      } catch {
        if (mine === generation.current) setState((s) => ({ ...s, loading: false }));
      }
    })();
  }, [environment, enabled, range, currency, key, version]);

  return state;
}
