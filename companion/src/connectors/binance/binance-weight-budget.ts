import type { Logger } from '../../logging/logger.js';
import type { ConnectorClock } from '../ccxt/clock.js';
import type { TransportState } from '../ccxt/metered-fetch.js';

/**
 * Binance counts request weight per calendar minute and reports what is used in a response
 * header. Before a costly request we read the last report and, when the request would push
 * the minute past our share of the limit, wait for the next minute instead of collecting a
 * 429 (and, after a few, an IP ban that also hits every other program on the network).
 *
 * We stop at 80 % of the limit: other programs on the same IP spend from the same budget.
 */
export interface WeightBudget {
  /** Lower-case response header that reports the used weight. */
  header: string;
  limitPerMinute: number;
  /** Share of the limit we allow ourselves. */
  share: number;
}

/** `/api` endpoints: 6000 per minute per IP. */
export const API_WEIGHT: WeightBudget = { header: 'x-mbx-used-weight-1m', limitPerMinute: 6_000, share: 0.8 };
/** `/sapi` IP-weighted endpoints (margin trades, 10 each): 12 000 per minute per IP. */
export const SAPI_IP_WEIGHT: WeightBudget = { header: 'x-sapi-used-ip-weight-1m', limitPerMinute: 12_000, share: 0.8 };
/** `/sapi` UID-weighted endpoints (withdraw history, 18 000 each): 180 000 per minute per account. */
export const SAPI_UID_WEIGHT: WeightBudget = { header: 'x-sapi-used-uid-weight-1m', limitPerMinute: 180_000, share: 0.8 };

const MINUTE_MS = 60_000;
/** Our clock and Binance's disagree by up to a second or so; start the new minute a little late. */
const MINUTE_MARGIN_MS = 1_000;

export interface WaitForWeightParameters {
  budget: WeightBudget;
  /** Weight of the request about to be sent. */
  cost: number;
  transport: TransportState;
  clock: ConnectorClock;
  signal: AbortSignal;
  log: Logger;
}

/** Resolves when `cost` more weight fits in the budget; waits for the next minute otherwise. */
export async function waitForWeight({ budget, cost, transport, clock, signal, log }: WaitForWeightParameters): Promise<void> {
  const observed = transport.weights.get(budget.header);
  if (observed === undefined) return;
  const now = clock.now();
  // A report from an earlier minute says nothing about this one: the counter has reset.
  if (Math.floor(observed.at / MINUTE_MS) !== Math.floor(now / MINUTE_MS)) return;
  if (observed.value + cost <= budget.limitPerMinute * budget.share) return;
  const waitMs = MINUTE_MS - (now % MINUTE_MS) + MINUTE_MARGIN_MS;
  log.info({ usedWeight: observed.value, cost, waitMs, header: budget.header }, 'Binance weight budget reached; waiting for the next minute');
  await clock.sleep(waitMs, signal);
}

/** True when `cost` more weight fits in the budget now, without waiting (the same reading as waitForWeight). */
export function fitsInWeightBudget({ budget, cost, transport, clock }: Omit<WaitForWeightParameters, 'signal' | 'log'>): boolean {
  const observed = transport.weights.get(budget.header);
  if (observed === undefined) return true;
  const now = clock.now();
  if (Math.floor(observed.at / MINUTE_MS) !== Math.floor(now / MINUTE_MS)) return true;
  return observed.value + cost <= budget.limitPerMinute * budget.share;
}
