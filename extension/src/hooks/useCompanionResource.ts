import { useCallback, useEffect, useRef, useState } from 'react';
import type { CompanionClient } from '../lib/companion-client';
import { type Problem, toProblem } from '../lib/companion-error';
import { useEnvironment } from './EnvironmentContext';

export interface CompanionResource<T> {
  data: T | null;
  problem: Problem | null;
  loading: boolean;
  reload(): Promise<void>;
}

/**
 * Loads one thing from the companion (providers, connections, tokens) and loads it again when
 * the pairing changes. `enabled` is false while the extension is not paired.
 */
export function useCompanionResource<T>(load: (client: CompanionClient) => Promise<T>, enabled: boolean): CompanionResource<T> {
  const environment = useEnvironment();
  const [state, setState] = useState<{ data: T | null; problem: Problem | null; loading: boolean }>({
    data: null,
    problem: null,
    loading: enabled,
  });
  const loadRef = useRef(load);
  loadRef.current = load;
  // Only the latest request may set state, so a slow answer never overwrites a newer one.
  const generation = useRef(0);

  const reload = useCallback(async () => {
    const mine = ++generation.current;
    setState((s) => ({ ...s, loading: true }));
    try {
      const { client } = await environment.access();
      const data = await loadRef.current(client);
      if (mine === generation.current) setState({ data, problem: null, loading: false });
    } catch (error) {
      if (mine === generation.current) setState((s) => ({ ...s, problem: toProblem(error), loading: false }));
    }
  }, [environment]);

  useEffect(() => {
    if (!enabled) {
      generation.current++;
      setState({ data: null, problem: null, loading: false });
      return;
    }
    void reload();
    return environment.subscribe((change) => {
      if (change === 'access') void reload();
    });
  }, [environment, enabled, reload]);

  return { ...state, reload };
}
