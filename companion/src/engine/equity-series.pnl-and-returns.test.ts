import { describe, expect, it } from 'vitest';
import type { EquityPoint } from './equity-point.js';
import { moneyWeightedReturn } from './money-weighted-return.js';
import { periodPnl } from './period-pnl.js';
import { dailyReturns, timeWeightedReturn } from './time-weighted-return.js';

// Flows arrive at the start of their day (docs/performance.md):
// 01-01 deposit 1000, close 1000 → r = 1000 / (0 + 1000) − 1            = 0
// 01-02 no flow,      close 1100 → r = 1100 / 1000 − 1                  = 0.1
// 01-03 deposit 500,  close 1540 → r = 1540 / (1100 + 500) − 1          = −0.0375
// 01-04 withdraw 200, close 1474 → r = 1474 / (1540 − 200) − 1 = 1474/1340 − 1 = 0.1
const points: EquityPoint[] = [
  { day: '2024-01-01', value: '1000', netFlow: '1000' },
  { day: '2024-01-02', value: '1100', netFlow: '0' },
  { day: '2024-01-03', value: '1540', netFlow: '500' },
  { day: '2024-01-04', value: '1474', netFlow: '-200' },
];

describe('daily returns and the time-weighted return', () => {
  it('nets each day of its flow', () => {
    expect(dailyReturns(points).map((r) => [r.day, r.value.toString()])).toEqual([
      ['2024-01-01', '0'],
      ['2024-01-02', '0.1'],
      ['2024-01-03', '-0.0375'],
      ['2024-01-04', '0.1'],
    ]);
  });

  it('chains them: 1.1 × 0.9625 × 1.1 − 1 = 0.164625', () => {
    expect(timeWeightedReturn(points)).toBe('0.164625');
  });
});

describe('periodPnl', () => {
  it('ALL: from nothing, every deposit is a flow: 1474 − 0 − (1000 + 500 − 200) = 174', () => {
    expect(periodPnl(points, null)).toEqual({
      baseDay: null,
      startValue: '0',
      endValue: '1474',
      netFlows: '1300',
      pnl: '174',
      returnRatio: '0.164625',
    });
  });

  it('1D: a withdrawal is not a loss: 1474 − 1540 − (−200) = 134, return 0.1', () => {
    expect(periodPnl(points, '2024-01-03')).toMatchObject({ startValue: '1540', netFlows: '-200', pnl: '134', returnRatio: '0.1' });
  });

  it('from the 01-02 close: 1474 − 1100 − 300 = 74, return 0.9625 × 1.1 − 1 = 0.05875', () => {
    expect(periodPnl(points, '2024-01-02')).toMatchObject({ startValue: '1100', netFlows: '300', pnl: '74', returnRatio: '0.05875' });
  });

  it('a base day without a point uses the last close before it', () => {
    const gap = [points[0]!, { day: '2024-01-10', value: '1200', netFlow: '0' }];
    // base 01-05 → last close on or before it is 01-01's 1000: pnl = 1200 − 1000 = 200
    expect(periodPnl(gap, '2024-01-05')).toMatchObject({ startValue: '1000', pnl: '200', returnRatio: '0.2' });
  });

  it('has nothing to say about an empty series', () => {
    expect(periodPnl([], null)).toBeNull();
  });

  it('gives the same figures from one series of daily returns shared by every range', () => {
    const returns = dailyReturns(points);
    for (const base of [null, '2023-12-31', '2024-01-01', '2024-01-02', '2024-01-03', '2024-01-04']) {
      expect(periodPnl(points, base, returns), `base ${base}`).toEqual(periodPnl(points, base));
    }
    expect(periodPnl(points, '2024-01-02', returns)?.returnRatio).toBe('0.05875');
  });
});

describe('moneyWeightedReturn (IRR)', () => {
  it('one deposit growing 10 % in a year returns 10 %', () => {
    const r = moneyWeightedReturn([
      { day: '2023-01-01', value: '1000', netFlow: '1000' },
      { day: '2024-01-01', value: '1100', netFlow: '0' },
    ]);
    expect(r).toBeCloseTo(0.1, 8);
  });

  it('solves 1000·(1+r)² + 1000·(1+r) = 2310 for r = 0.1', () => {
    // 2023-01-01 → 2024-01-01 is 365 days (one year); → 2025-01-01 is 731 days, so use
    // 2024-12-31 (730 days = two 365-day years) for the end: 1000·1.1² + 1000·1.1 = 1210 + 1100 = 2310
    const r = moneyWeightedReturn([
      { day: '2023-01-01', value: '1000', netFlow: '1000' },
      { day: '2024-01-01', value: '2000', netFlow: '1000' },
      { day: '2024-12-31', value: '2310', netFlow: '0' },
    ]);
    expect(r).toBeCloseTo(0.1, 8);
  });

  it('finds a loss too, and nothing without money both in and out', () => {
    const loss = moneyWeightedReturn([
      { day: '2023-01-01', value: '1000', netFlow: '1000' },
      { day: '2024-01-01', value: '750', netFlow: '0' },
    ]);
    expect(loss).toBeCloseTo(-0.25, 8);
    expect(
      moneyWeightedReturn([
        { day: '2023-01-01', value: '0', netFlow: '0' },
        { day: '2023-02-01', value: '0', netFlow: '0' },
      ]),
    ).toBeNull();
  });
});
