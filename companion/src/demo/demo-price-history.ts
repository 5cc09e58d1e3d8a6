import { Decimal, dec, toDecimalString } from '@omnifolio/shared/money';
import { COINGECKO_IDS_BY_SYMBOL } from '../pricing/providers/coingecko/symbol-map.js';
import type { BinanceSimAccount } from '../simulators/binance/binance-sim-account.js';
import type { CoinGeckoHistoryPoint } from '../simulators/coingecko/coingecko-simulator.js';
import type { CoinGeckoData } from '../simulators/coingecko/demo-prices.js';

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

  const anchors = new Map<string, { atMs: number; usd: Decimal }[]>();
  for (const t of account.trades) {
    const quote = DOLLAR_QUOTES.find((q) => t.symbol.endsWith(q));
    if (!quote) continue;
    const coin = COINGECKO_IDS_BY_SYMBOL[t.symbol.slice(0, -quote.length)];
    if (!coin) continue;
    const list = anchors.get(coin) ?? [];
    list.push({ atMs: Math.floor(Number(t.time) / DAY_MS) * DAY_MS, usd: dec(t.price) });
    anchors.set(coin, list);
  }

  const out = new Map<string, CoinGeckoHistoryPoint[]>();
  for (const [coin, table] of Object.entries(prices.prices)) {
    if (table.usd === undefined) continue;
    const stable = coin === 'tether' || coin === 'usd-coin';
    const list = [...(anchors.get(coin) ?? []), { atMs: today, usd: dec(table.usd) }].sort((a, b) => a.atMs - b.atMs);
    if (stable && list.length === 1) list.unshift({ atMs: start, usd: new Decimal(1) });
    const amplitude = stable ? 0.001 : 0.06;
    const phase = [...coin].reduce((acc, ch) => acc + ch.charCodeAt(0), 0);
    const series: CoinGeckoHistoryPoint[] = [];
    let next = 0;
    for (let at = start; at <= today; at += DAY_MS) {
      while (next < list.length && list[next]!.atMs < at) next++;
      const after = list[Math.min(next, list.length - 1)]!;
      const before = next === 0 ? after : list[next - 1]!;
      if (at === after.atMs) {
        series.push({ atMs: at, usd: toDecimalString(after.usd) });
        continue;
      }
      const span = after.atMs - before.atMs;
      const t = span <= 0 ? 0 : (at - before.atMs) / span;
      // Geometric interpolation: before × (after / before)^t. Binary floating point is fine
      // for a made-up path between exact anchors (anchor days are written exactly above),
      // and 60-digit decimal powers would add seconds to every demo start.
      const b = before.usd.toNumber();
      const base = span <= 0 ? after.usd.toNumber() : b * (after.usd.toNumber() / b) ** t;
      const day = at / DAY_MS;
      // Three incommensurate waves read as market noise; the envelope pins them to zero at anchors.
      const noise =
        0.5 * Math.sin((2 * Math.PI * day) / 23 + phase) +
        0.35 * Math.sin((2 * Math.PI * day) / 61 + 2 * phase) +
        0.15 * Math.sin((2 * Math.PI * day) / 6.3 + phase / 3);
      const wobble = amplitude * noise * Math.sin(Math.PI * (span <= 0 ? 0.5 : t));
      series.push({ atMs: at, usd: toDecimalString(new Decimal((base * (1 + wobble)).toPrecision(12))) });
    }
    out.set(coin, series);
  }
  return out;
}
