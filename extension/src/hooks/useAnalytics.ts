import type { QuoteCurrency } from '@omnifolio/shared/api';
import { useEffect, useRef, useState } from 'react';
import type { CompanionClient, PerformanceRangeName } from '../lib/companion-client';
import type { Environment } from '../lib/environment';

export type PerformanceData = Awaited<ReturnType<CompanionClient['performance']>>;
export type HistoryData = Awaited<ReturnType<CompanionClient['history']>>;
export type ExposureData = Awaited<ReturnType<CompanionClient['exposure']>>;
export type AllocationData = Awaited<ReturnType<CompanionClient['allocation']>>;

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
 * Performance, the equity curve, exposure and allocation for the chosen range and currency.
 * Shows what it had for the same request at once and asks again in the background; asks
 * again whenever `version` changes (a new overview: a sync finished, prices moved).
 * A failure keeps the last answer: the overview's own status says what is wrong.
 */
export function useAnalytics(
  environment: Environment,
  enabled: boolean,
  range: PerformanceRangeName,
  currency: QuoteCurrency | null,
  version: string | null,
): Analytics {
  const key = `${range}:${currency}`;
  const [state, setState] = useState<Analytics>(() => ({
    performance: (memory.get(`p:${key}`) as PerformanceData | undefined) ?? null,
    history: (memory.get(`h:${key}`) as HistoryData | undefined) ?? null,
    exposure: (memory.get(`e:${currency}`) as ExposureData | undefined) ?? null,
    allocation: (memory.get(`a:${currency}`) as AllocationData | undefined) ?? null,
    loading: enabled,
  }));
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
        if (mine === generation.current) setState({ performance, history, exposure, allocation, loading: false });
      } catch {
        if (mine === generation.current) setState((s) => ({ ...s, loading: false }));
      }
    })();
  }, [environment, enabled, range, currency, key, version]);

  return state;
}
