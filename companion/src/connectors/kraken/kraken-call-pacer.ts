import type { ConnectorClock } from '../ccxt/clock.js';

/**
 * Keeps one API key's calls inside Kraken's call counter, so a full ledger backfill waits instead
 * of being refused. Kraken counts per key: +1 per call, +2 for Ledgers and TradesHistory, and
 * takes away `decayPerSecond` continuously; above the maximum it answers
 * `EAPI:Rate limit exceeded`. The tier of the account is not visible through the API, so the
 * pacer assumes Starter (maximum 15, 0.33 per second), the strictest; higher tiers just never
 * wait. The estimate is per process and API key: other programs using the same key are not seen
 * (one more reason to give Omnifolio its own key).
 */
const MAXIMUM = 15;
const DECAY_PER_SECOND = 0.33;
const HEADROOM = 0.5;
const HEAVY = new Set(['Ledgers', 'TradesHistory', 'QueryLedgers', 'QueryTrades']);

const counters = new Map<string, { value: number; at: number }>();

export const krakenCallCost = (method: string): number => (HEAVY.has(method) ? 2 : 1);

/** Waits (on `clock`) until a call of `method` fits under the counter, then counts it. */
export async function paceKrakenCall(apiKey: string, method: string, clock: ConnectorClock, signal: AbortSignal): Promise<void> {
  const cost = krakenCallCost(method);
  const state = counters.get(apiKey) ?? { value: 0, at: clock.now() };
  const current = () => Math.max(0, state.value - (Math.max(0, clock.now() - state.at) / 1000) * DECAY_PER_SECOND);
  // Half a call of headroom: Kraken starts counting when the request arrives, which can be later than
  // this estimate (ccxt's queue, the network), so at the edge its counter can be a little higher.
  const excess = current() + cost - (MAXIMUM - HEADROOM);
  if (excess > 0) await clock.sleep(Math.ceil((excess / DECAY_PER_SECOND) * 1000), signal);
  counters.set(apiKey, { value: current() + cost, at: clock.now() });
}

/** How long Kraken's counter takes to drain fully on the Starter tier, the wait after a refusal. */
export const KRAKEN_COUNTER_DRAIN_MS = Math.ceil((MAXIMUM / DECAY_PER_SECOND) * 1000);
