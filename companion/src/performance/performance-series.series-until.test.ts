import { describe, expect, it } from 'vitest';
import type { CashFlows } from '../engine/cash-flows.js';
import { dailyReturns } from '../engine/time-weighted-return.js';
import { equitySeriesUntil, pointsFrom } from './performance-series.js';

const flows = (byDay: Record<string, string>): CashFlows => ({ byDay: new Map(Object.entries(byDay)), internalTransfers: [], unvalued: [] });

/*
 * Closes on 11-02, 11-03 and 11-05 (none on 11-04), and a close of today, 11-06, that the live
 * valuation replaces. Flows: 1000 in on 11-01 (before the first close: booked to it), 200 in on
 * 11-04 (no close: booked to 11-05), 50 out today.
 */
const totals = [
  { day: '2026-11-02', value: '1000' },
  { day: '2026-11-03', value: '1100' },
  { day: '2026-11-05', value: '1250' },
  { day: '2026-11-06', value: '1240' },
];
const paired = flows({ '2026-11-01': '1000', '2026-11-04': '200', '2026-11-06': '-50' });

describe('the equity series kept until today, then today’s point', () => {
  it('books each flow to the next point, and today’s to the live valuation that replaces today’s close', () => {
    const until = equitySeriesUntil(totals, paired, '2026-11-06');
    expect(until.points).toEqual([
      { day: '2026-11-02', value: '1000', netFlow: '1000' },
      { day: '2026-11-03', value: '1100', netFlow: '0' },
      { day: '2026-11-05', value: '1250', netFlow: '200' },
    ]);
    expect(pointsFrom(until, { day: '2026-11-06', value: '1260' })).toEqual([{ day: '2026-11-06', value: '1260', netFlow: '-50' }]);
  });

  it('gives the returns of one pass when today’s are computed from the last kept close', () => {
    const until = equitySeriesUntil(totals, paired, '2026-11-06');
    const live = pointsFrom(until, { day: '2026-11-06', value: '1260' });
    const whole = dailyReturns([...until.points, ...live]);
    const last = until.points.at(-1)!;
    const split = [...dailyReturns(until.points), ...dailyReturns([{ ...last, netFlow: '0' }, ...live])];
    expect(split).toEqual(whole);
    // 11-06: 1260 / (1250 − 50) − 1 = 0.05
    expect(split.at(-1)?.value.toString()).toBe('0.05');
  });

  it('starts with today when nothing was recorded before, every earlier flow booked to it', () => {
    const until = equitySeriesUntil([], flows({ '2026-11-04': '500' }), '2026-11-06');
    expect(until.points).toEqual([]);
    expect(pointsFrom(until, { day: '2026-11-06', value: '510' })).toEqual([{ day: '2026-11-06', value: '510', netFlow: '500' }]);
  });

  it('keeps a close after today (a clock behind the snapshots) after the live point, with its flows', () => {
    const until = equitySeriesUntil([...totals, { day: '2026-11-07', value: '1300' }], flows({ '2026-11-07': '30' }), '2026-11-06');
    expect(pointsFrom(until, { day: '2026-11-06', value: '1260' })).toEqual([
      { day: '2026-11-06', value: '1260', netFlow: '0' },
      { day: '2026-11-07', value: '1300', netFlow: '30' },
    ]);
  });

  it('without a bound, is every close with its flows', () => {
    const until = equitySeriesUntil(totals, paired, null);
    expect(until.points.map((p) => [p.day, p.netFlow])).toEqual([
      ['2026-11-02', '1000'],
      ['2026-11-03', '0'],
      ['2026-11-05', '200'],
      ['2026-11-06', '-50'],
    ]);
  });
});
