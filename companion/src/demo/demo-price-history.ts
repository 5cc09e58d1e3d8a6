import { Decimal, dec } from '@omnifolio/shared/money';
import { evmChainById } from '../connectors/evm/evm-chains.js';
import { curatedEvmTokens } from '../connectors/evm/evm-token-list.js';
import { COINGECKO_IDS_BY_SYMBOL } from '../pricing/providers/coingecko/symbol-map.js';
import type { BinanceSimAccount } from '../simulators/binance/binance-sim-account.js';
import type { CoinGeckoHistoryPoint } from '../simulators/coingecko/coingecko-simulator.js';
import type { CoinGeckoData } from '../simulators/coingecko/demo-prices.js';
import { demoPricePath, type PriceAnchor, utcDayOf } from './demo-price-path.js';

const DAY_MS = 86_400_000;
/** Quote currencies whose trade prices count as US dollars for the demo's price path. */
const DOLLAR_QUOTES = ['USDT', 'USDC', 'FDUSD'];

/**
 * Daily USD closes for every coin of the demo portfolio, from a month before its first
 * record to today, so the demo shows a curve from the first trade. The path runs through
 * the demo account's own trade prices (a BTCUSDT buy at 97338.6 means BTC was 97338.6 that
 * day) and ends at the simulator's current price, interpolated geometrically between those
 * anchors with a deterministic wobble that vanishes at each anchor. The same account and
 * day always give the same history, so screenshots and tests are reproducible.
 */
export function demoPriceHistory(account: BinanceSimAccount, prices: CoinGeckoData, nowMs: number): Map<string, CoinGeckoHistoryPoint[]> {
  const today = Math.floor(nowMs / DAY_MS) * DAY_MS;
  const times = [...account.trades.map((t) => Number(t.time)), ...account.deposits.map((d) => Number(d.insertTime))];
  const start = Math.floor((Math.min(today, ...times) - 30 * DAY_MS) / DAY_MS) * DAY_MS;

  const anchors = new Map<string, PriceAnchor[]>();
  for (const t of account.trades) {
    const quote = DOLLAR_QUOTES.find((q) => t.symbol.endsWith(q));
    if (!quote) continue;
    const coin = COINGECKO_IDS_BY_SYMBOL[t.symbol.slice(0, -quote.length)];
    if (!coin) continue;
    const list = anchors.get(coin) ?? [];
    list.push({ atMs: utcDayOf(Number(t.time)), price: dec(t.price) });
    anchors.set(coin, list);
  }

  const out = new Map<string, CoinGeckoHistoryPoint[]>();
  for (const [coin, table] of Object.entries(prices.prices)) {
    if (table.usd === undefined) continue;
    const stable = coin === 'tether' || coin === 'usd-coin';
    const list = [...(anchors.get(coin) ?? []), { atMs: today, price: dec(table.usd) }];
    if (stable && list.length === 1) list.unshift({ atMs: start, price: new Decimal(1) });
    const path = demoPricePath(list, { startMs: start, endMs: today, amplitude: stable ? 0.001 : 0.06, seed: coin });
    out.set(
      coin,
      path.map((p) => ({ atMs: p.atMs, usd: p.price })),
    );
  }
  return out;
}

/**
 * The coin each token contract of the demo's price table is (platform → lowercase contract →
 * coin id), from the curated token list's symbols, so the demo CoinGecko answers a token's
 * chart by contract with its coin's history, as CoinGecko does.
 */
export function demoContractCoins(prices: CoinGeckoData): Record<string, Record<string, string>> {
  const out: Record<string, Record<string, string>> = {};
  for (const [platform, table] of Object.entries(prices.tokenPrices ?? {})) {
    for (const contract of Object.keys(table)) {
      const token = curatedEvmTokens().find(
        (t) => t.address.toLowerCase() === contract.toLowerCase() && evmChainById(t.chainId)?.coingeckoPlatform === platform,
      );
      const coin = token === undefined ? undefined : COINGECKO_IDS_BY_SYMBOL[token.symbol];
      if (coin === undefined) continue;
      out[platform] ??= {};
      out[platform][contract.toLowerCase()] = coin;
    }
  }
  return out;
}
