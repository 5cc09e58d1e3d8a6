import type { QuoteCurrency } from '@omnifolio/shared/api';
import { useCallback, useEffect, useState } from 'react';
import type { Environment } from '../lib/environment';

/**
 * The display currency, remembered between openings: `remembered` when the page read it
 * before rendering, else `null` until it is read, so the popup never flashes USD before
 * switching to a remembered CHF.
 */
export function useCurrency(environment: Environment, remembered: QuoteCurrency | null = null): [QuoteCurrency | null, (currency: QuoteCurrency) => void] {
  const [currency, setCurrencyState] = useState<QuoteCurrency | null>(remembered);

  useEffect(() => {
    let cancelled = false;
    environment.preferences.getCurrency().then(
      (stored) => {
        if (!cancelled) setCurrencyState((current) => current ?? stored);
      },
      () => {
        if (!cancelled) setCurrencyState((current) => current ?? 'USD');
      },
    );
    return () => {
      cancelled = true;
    };
  }, [environment]);

  const setCurrency = useCallback(
    (next: QuoteCurrency) => {
      setCurrencyState(next);
      void environment.preferences.setCurrency(next);
    },
    [environment],
  );

  return [currency, setCurrency];
}
