import { addDays, addMonths, type LocalDay } from './local-day.js';

export const performanceRanges = ['1D', '1W', '1M', 'YTD', '1Y', 'ALL'] as const;
export type PerformanceRange = (typeof performanceRanges)[number];

/**
 * The day whose closing value a range is measured from ("the base day"), for a range ending
 * today. 1D compares with yesterday's close, 1W with the close seven days ago, 1M with the
 * same date last month, YTD with 31 December, 1Y with the same date last year. ALL has no
 * base day: it starts from nothing, so every deposit counts as a flow.
 */
export function rangeBaseDay(range: PerformanceRange, today: LocalDay): LocalDay | null {
  switch (range) {
    case '1D':
      return addDays(today, -1);
    case '1W':
      return addDays(today, -7);
    case '1M':
      return addMonths(today, -1);
    case 'YTD':
      return `${Number(today.slice(0, 4)) - 1}-12-31`;
    case '1Y':
      return addMonths(today, -12);
    case 'ALL':
      return null;
  }
}
