import { describe, expect, it } from 'vitest';
import { loadIbkrDemoAccount } from '../simulators/ibkr-flex/ibkr-demo-account.js';
import { demoMarketListings } from './demo-market-listings.js';

const DAY = 86_400_000;
const isoDay = (atMs: number) => new Date(atMs).toISOString().slice(0, 10);

describe('demoMarketListings', () => {
  // A Sunday afternoon: the last trading day is Friday 20 November 2026.
  const now = Date.UTC(2026, 10, 22, 15, 0, 0);
  const listings = demoMarketListings(now);

  it('lists every share and fund of the demo brokers under its real Yahoo symbol', () => {
    expect([...listings.keys()].sort()).toEqual(['0700.HK', 'AAPL', 'MSFT', 'NESN.SW', 'NVDA', 'SPY', 'SWPPX', 'SWVXX', 'VT', 'VTI']);
    expect(listings.get('NESN.SW')).toMatchObject({ currency: 'CHF', timezone: 'Europe/Zurich', instrumentType: 'EQUITY' });
    expect(listings.get('0700.HK')).toMatchObject({ currency: 'HKD', timezone: 'Asia/Hong_Kong' });
    expect(listings.get('SWPPX')?.instrumentType).toBe('MUTUALFUND');
  });

  it('closes on weekdays only and ends on the last one at the broker’s mark', () => {
    for (const listing of listings.values()) {
      expect(listing.closes.every((c) => ![0, 6].includes(new Date(`${c.day}T00:00:00Z`).getUTCDay()))).toBe(true);
      expect(listing.closes.at(-1)?.day).toBe('2026-11-20');
    }
    expect(listings.get('AAPL')?.closes.at(-1)?.price).toBe('230.5');
    expect(listings.get('NESN.SW')?.closes.at(-1)?.price).toBe('84.12');
    expect(listings.get('0700.HK')?.closes.at(-1)?.price).toBe('412.6');
    // Schwab states a market value, not a price: 10440.12 / 120.5.
    expect(listings.get('SWPPX')?.closes.at(-1)?.price).toBe('86.64');
  });

  it('passes through each weekday trade’s price on its day and starts a month before the first trade', () => {
    const ibkr = loadIbkrDemoAccount({ now });
    const nesn = ibkr.trades.find((t) => t.instrument.symbol === 'NESN')!;
    const close = listings.get('NESN.SW')?.closes.find((c) => c.day === isoDay(nesn.executedAt));
    if ([0, 6].includes(new Date(nesn.executedAt).getUTCDay())) expect(close).toBeUndefined();
    else expect(close?.price).toBe('95.3');
    // Futu's fills too: Tencent sold at 402.8 HKD 150 days back (Thursday 25 June 2026).
    expect(listings.get('0700.HK')?.closes.find((c) => c.day === '2026-06-25')?.price).toBe('402.8');
    // Futu's first Tencent purchase, 700 days back (a Sunday, so Friday 20 December 2024), is the
    // demo brokers' earliest trade: the listings start 30 days before it, on a weekday.
    let first = Date.UTC(2024, 11, 20) - 30 * DAY;
    while ([0, 6].includes(new Date(first).getUTCDay())) first += DAY;
    expect(listings.get('AAPL')?.closes[0]?.day).toBe(isoDay(first));
    expect(listings.get('0700.HK')?.closes.find((c) => c.day === '2024-12-20')?.price).toBe('318.4');
  });

  it('keeps a money-market fund at its dollar and is the same for the same day', () => {
    expect(new Set(listings.get('SWVXX')?.closes.map((c) => c.price))).toEqual(new Set(['1']));
    expect(demoMarketListings(now + 3_600_000).get('0700.HK')).toEqual(listings.get('0700.HK'));
  });
});
