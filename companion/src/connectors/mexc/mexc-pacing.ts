import type { ConnectorClock } from '../ccxt/clock.js';

/**
 * MEXC limits each endpoint on its own, and ccxt spaces requests by its cost table only inside one
 * exchange instance (a sync, a `test()` and a live source each have their own), so the connector
 * keeps the two limits it could reach itself, on its clock (one clock is one process in
 * production; tests share theirs with the simulator, whose "now" then moves on with each wait):
 *
 * - `GET /api/v3/myTrades`, weight 10 against "an independent 500 every 10 second limit" per
 *   endpoint (https://mexcdevelop.github.io/apidocs/spot_v3_en/#limits): a first sync asks one
 *   request per candidate market and month half, easily more than 50 in ten seconds;
 * - `GET /api/v1/contract/detail`: "Rate limit: 1 times / 5 seconds"
 *   (https://mexcdevelop.github.io/apidocs/contract_v1_en/#get-the-contract-information).
 */
export const MEXC_PACED_ENDPOINTS = {
  myTrades: { weight: 10, budget: 500, windowMs: 10_000 },
  contractDetail: { weight: 1, budget: 1, windowMs: 5_000 },
} as const;

export type MexcPacedEndpoint = keyof typeof MEXC_PACED_ENDPOINTS;

interface PaceState {
  /** When each recent request ended (the server had it by then). */
  times: number[];
  /** The last request queued, so concurrent callers go one after another. */
  tail: Promise<unknown>;
}

const states = new WeakMap<ConnectorClock, Map<MexcPacedEndpoint, PaceState>>();

/**
 * Runs `request` once one more request to `endpoint` fits in its window, waiting on `clock` when
 * it does not yet. Requests to one endpoint run one after another; each is counted from the moment
 * it ended, which is never before MEXC received it.
 */
export function paceMexc<T>(clock: ConnectorClock, endpoint: MexcPacedEndpoint, request: () => Promise<T>, signal?: AbortSignal): Promise<T> {
  const { weight, budget, windowMs } = MEXC_PACED_ENDPOINTS[endpoint];
  let byEndpoint = states.get(clock);
  if (byEndpoint === undefined) {
    byEndpoint = new Map();
    states.set(clock, byEndpoint);
  }
  let state = byEndpoint.get(endpoint);
  if (state === undefined) {
    state = { times: [], tail: Promise.resolve() };
    byEndpoint.set(endpoint, state);
  }
  const paced = state;
  const fits = budget / weight;
  const run = paced.tail
    .catch(() => undefined)
    .then(async () => {
      const now = clock.now();
      paced.times = paced.times.filter((at) => at > now - windowMs);
      // The oldest request that must leave the window before this one fits.
      const blocking = paced.times.length >= fits ? paced.times[paced.times.length - fits] : undefined;
      if (blocking !== undefined) await clock.sleep(blocking + windowMs - now + 1, signal ?? new AbortController().signal);
      try {
        return await request();
      } finally {
        paced.times.push(clock.now());
      }
    });
  paced.tail = run;
  return run;
}
