import { describe, expect, it } from 'vitest';
import { loadDemoAccount } from '../simulators/binance/demo-account.js';
import { loadDemoPrices } from '../simulators/coingecko/demo-prices.js';
import { demoPriceHistory } from './demo-price-history.js';

const DAY = 86_400_000;

describe('demoPriceHistory', () => {
  const now = Date.UTC(2026, 10, 23, 15, 0, 0);
  const account = loadDemoAccount({ now });
  const prices = loadDemoPrices();
  const history = demoPriceHistory(account, prices, now);

  it('runs daily from a month before the first record to today, ending at the current price', () => {
    const btc = history.get('bitcoin')!;
    const first = Math.min(...account.trades.map((t) => Number(t.time)), ...account.deposits.map((d) => Number(d.insertTime)));
    expect(btc[0]!.atMs).toBeLessThanOrEqual(first - 30 * DAY + DAY);
    expect(btc.every((p, i) => i === 0 || p.atMs - btc[i - 1]!.atMs === DAY)).toBe(true);
    expect(btc.at(-1)).toEqual({ atMs: Math.floor(now / DAY) * DAY, usd: prices.prices.bitcoin!.usd });
  });

  it('passes through the account’s own USDT trade prices on their days', () => {
    const trade = account.trades.find((t) => t.symbol === 'BTCUSDT')!;
    const day = Math.floor(Number(trade.time) / DAY) * DAY;
    const point = history.get('bitcoin')!.find((p) => p.atMs === day)!;
    expect(Number(point.usd)).toBe(Number(trade.price));
  });

  it('is the same for the same inputs', () => {
    expect(demoPriceHistory(account, prices, now).get('solana')).toEqual(history.get('solana'));
  });
});
