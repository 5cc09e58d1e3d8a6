import { bitgetRows } from './bitget-raw.js';

/**
 * Which spot pairs to ask for fills. Bitget's `GET /api/v2/spot/trade/fills` needs a symbol per
 * request, and walking every listed pair (over a thousand) would take minutes and most of the
 * request budget. A trade on a pair moves both its coins, so the pairs worth asking for are those
 * whose base and quote coins have both been in the account: coins held now (spot assets), coins
 * deposited or withdrawn, and coins any spot bill (trades included) has moved, all remembered in
 * the cursor `fills:coins` so that a coin seen once keeps its pairs asked for.
 */
export interface BitgetPair {
  symbol: string;
  base: string;
  quote: string;
}

export function bitgetCandidatePairs(symbols: unknown, coins: ReadonlySet<string>): BitgetPair[] {
  return bitgetRows(symbols, 'the spot symbols')
    .filter((s) => typeof s.symbol === 'string' && typeof s.baseCoin === 'string' && typeof s.quoteCoin === 'string')
    .filter((s) => coins.has(s.baseCoin as string) && coins.has(s.quoteCoin as string))
    .map((s) => ({ symbol: s.symbol as string, base: s.baseCoin as string, quote: s.quoteCoin as string }))
    .sort((a, b) => a.symbol.localeCompare(b.symbol));
}

export function parseCoins(value: string | undefined): Set<string> {
  return new Set((value ?? '').split(',').filter((c) => c !== ''));
}

export function formatCoins(coins: ReadonlySet<string>): string {
  return [...coins].sort().join(',');
}

/** The listed pairs among `names` (isolated margin pairs, which the account names itself). */
export function bitgetPairsNamed(symbols: unknown, names: ReadonlySet<string>): BitgetPair[] {
  return bitgetRows(symbols, 'the spot symbols')
    .filter((s) => typeof s.symbol === 'string' && names.has(s.symbol) && typeof s.baseCoin === 'string' && typeof s.quoteCoin === 'string')
    .map((s) => ({ symbol: s.symbol as string, base: s.baseCoin as string, quote: s.quoteCoin as string }))
    .sort((a, b) => a.symbol.localeCompare(b.symbol));
}
