import { Decimal } from '@omnifolio/shared/money';
import { describe, expect, it } from 'vitest';
import { maxDrawdown } from './max-drawdown.js';
import { sharpeRatio } from './sharpe-ratio.js';
import type { DailyReturn } from './time-weighted-return.js';
import { annualizedVolatility } from './volatility.js';

const series = (values: string[]): DailyReturn[] => values.map((v, i) => ({ day: `2024-01-${String(i + 2).padStart(2, '0')}`, value: new Decimal(v) }));

describe('volatility and Sharpe', () => {
  // returns 0.01, −0.01, 0.02, 0: mean 0.005; deviations ±0.005, ±0.015 → squares
  // 0.000025 + 0.000225 + 0.000225 + 0.000025 = 0.0005; /(4 − 1) → sd = √0.0001666… = 0.01290994448735805628…
  // annualized × √365 (19.10497317454…) = 0.24664414311581236762 (Python decimal, 40 digits)
  const returns = series(['0.01', '-0.01', '0.02', '0']);

  it('annualizes the sample standard deviation with √365', () => {
    expect(annualizedVolatility(returns)).toBe('0.246644143116');
  });

  it('Sharpe at a 3.65 % risk-free rate: (0.005 − 0.0365/365) / sd × √365 = 7.2513378076048836…', () => {
    expect(sharpeRatio(returns, '0.0365')).toBe('7.251337807605');
  });

  it('is undefined with fewer than two returns or none that vary', () => {
    expect(annualizedVolatility(series(['0.01']))).toBeNull();
    expect(sharpeRatio(series(['0.01', '0.01']), '0')).toBeNull();
  });
});

describe('maxDrawdown', () => {
  it('finds the deepest fall on the index with its peak, trough and recovery days', () => {
    // index: 1.1 (peak, 01-02), 0.88, 0.792 (trough, 01-04), 0.99, 1.188 (≥ 1.1: recovered 01-06)
    // depth = 0.792 / 1.1 − 1 = −0.28
    expect(maxDrawdown(series(['0.1', '-0.2', '-0.1', '0.25', '0.2']))).toEqual({
      depth: '-0.28',
      peakDay: '2024-01-02',
      troughDay: '2024-01-04',
      recoveredDay: '2024-01-06',
    });
  });

  it('keeps the deeper of two falls, still under water', () => {
    // 1 → 0.9 (−10 %, from the start) → 0.99 → 0.495: peak stays 1 (start), depth 0.495 − 1 = −0.505
    expect(maxDrawdown(series(['-0.1', '0.1', '-0.5']), '2024-01-01')).toEqual({
      depth: '-0.505',
      peakDay: '2024-01-01',
      troughDay: '2024-01-04',
      recoveredDay: null,
    });
  });

  it('is null for a series that never fell', () => {
    expect(maxDrawdown(series(['0.1', '0']))).toBeNull();
  });
});
