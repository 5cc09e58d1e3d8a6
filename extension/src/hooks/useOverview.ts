import { useCallback, useEffect, useRef, useState } from 'react';
import { isUnreachable, type Problem, toProblem } from '../lib/companion-error';
import type { Environment } from '../lib/environment';
import { followLiveEvents } from '../lib/live-events';
import type { CachedOverview } from '../lib/preferences';
import { downProblem, probeCompanion } from '../lib/probe';
import { SYNC_POLL_MS, SYNC_WAIT_MS, syncFinished } from '../lib/sync-progress';

/**
 * - `loading`: nothing heard from the companion yet (cached numbers may already show);
 * - `ready`: the overview is current;
 * - `down`: the companion does not answer (cached numbers show, marked as old);
 * - `not-paired`: no token, or the companion refused it (or the page's session);
 * - `failed`: the companion answered the health check but the overview failed.
 */
export type OverviewPhase = 'loading' | 'ready' | 'down' | 'not-paired' | 'failed';

export interface SyncState {
  running: boolean;
  problem: Problem | null;
  /** Said after a sync that outlasted the wait: it goes on in the companion. */
  notice: string | null;
}

export interface OverviewState {
  phase: OverviewPhase;
  /** The last overview received, possibly from the cache of an earlier opening. */
  data: CachedOverview | null;
  problem: Problem | null;
  baseUrl: string | null;
  refreshing: boolean;
  sync: SyncState;
}

export interface UseOverviewResult extends OverviewState {
  refresh(): Promise<void>;
  syncNow(): Promise<void>;
}

const REFRESH_EVERY_MS = 60_000;

const initialState: OverviewState = {
  phase: 'loading',
  data: null,
  problem: null,
  baseUrl: null,
  refreshing: true,
  sync: { running: false, problem: null, notice: null },
};

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * The portfolio overview for the popup and the dashboard: shows the cached overview at once
 * (`remembered`, when the page read it before rendering; else as soon as it is read),
 * then asks the companion, refreshes every minute while open (prices move, and most providers
 * have no stream), refreshes at once when the companion's live events say balances changed
 * (exchanges with a balance stream, which the companion keeps open only while a page listens),
 * and runs "Sync now".
 */
export function useOverview(environment: Environment, remembered: CachedOverview | null = null): UseOverviewResult {
  const [state, setState] = useState<OverviewState>(() => ({ ...initialState, data: remembered }));
  const syncing = useRef(false);

  const accept = useCallback(
    (cached: CachedOverview) => {
      setState((s) => ({ ...s, phase: 'ready', data: cached, problem: null, refreshing: false }));
      void environment.preferences.setCachedOverview(cached);
    },
    [environment],
  );

  const refresh = useCallback(async () => {
    setState((s) => ({ ...s, refreshing: true }));
    try {
      const access = await environment.access();
      const probe = await probeCompanion(access);
      if (probe.state === 'ready') {
        setState((s) => ({ ...s, baseUrl: access.baseUrl }));
        accept({ overview: probe.overview, fetchedAt: new Date().toISOString() });
        return;
      }
      setState((s) => ({
        ...s,
        phase: probe.state,
        problem: probe.problem,
        baseUrl: access.baseUrl,
        refreshing: false,
        // Numbers from another pairing (or a revoked one) must not stay on screen.
        data: probe.state === 'not-paired' ? null : s.data,
      }));
    } catch (error) {
      setState((s) => ({ ...s, phase: 'failed', problem: toProblem(error), refreshing: false }));
    }
  }, [environment, accept]);

  useEffect(() => {
    let cancelled = false;
    environment.preferences.getCachedOverview().then(
      (cached) => {
        if (!cancelled && cached) setState((s) => (s.data === null && s.phase !== 'not-paired' ? { ...s, data: cached } : s));
      },
      () => {},
    );
    void refresh();
    const timer = setInterval(() => {
      if (!syncing.current) void refresh();
    }, REFRESH_EVERY_MS);
    const unsubscribe = environment.subscribe((change) => {
      if (change === 'access') {
        void refresh();
        return;
      }
      // The background worker fetched a newer overview: show it without asking again.
      environment.preferences.getCachedOverview().then(
        (cached) => {
          if (cancelled || cached === null) return;
          setState((s) => (s.phase === 'ready' && s.data !== null && Date.parse(cached.fetchedAt) > Date.parse(s.data.fetchedAt) ? { ...s, data: cached } : s));
        },
        () => {},
      );
    });
    return () => {
      cancelled = true;
      clearInterval(timer);
      unsubscribe();
    };
  }, [environment, refresh]);

  useEffect(() => {
    const controller = new AbortController();
    void followLiveEvents({
      signal: controller.signal,
      // Asked again on every attempt, so a new pairing or port is picked up.
      open: async (signal) => (await environment.access()).client.liveEvents(signal),
      onEvent: (event) => {
        if (event.type === 'overview-changed' && !syncing.current) void refresh();
      },
    });
    return () => controller.abort();
  }, [environment, refresh]);

  const syncNow = useCallback(async () => {
    if (syncing.current) return;
    syncing.current = true;
    setState((s) => ({ ...s, sync: { running: true, problem: null, notice: null } }));
    let notice: string | null = null;
    let problem: Problem | null = null;
    try {
      const access = await environment.access();
      const { runs } = await access.client.syncAll();
      const deadline = Date.now() + SYNC_WAIT_MS;
      for (;;) {
        await sleep(runs.length === 0 ? 0 : SYNC_POLL_MS);
        const overview = await access.client.overview();
        accept({ overview, fetchedAt: new Date().toISOString() });
        if (syncFinished(runs, overview)) break;
        if (Date.now() > deadline) {
          notice = 'The sync is still running in the companion. The numbers update when it finishes.';
          break;
        }
      }
    } catch (error) {
      if (isUnreachable(error)) {
        const baseUrl = error.baseUrl;
        setState((s) => ({ ...s, phase: 'down', problem: downProblem(baseUrl) }));
      } else {
        problem = toProblem(error);
      }
    } finally {
      syncing.current = false;
      setState((s) => ({ ...s, sync: { running: false, problem, notice } }));
    }
  }, [environment, accept]);

  return { ...state, refresh, syncNow };
}
