import type { QuoteCurrency } from '@omnifolio/shared/api';
import type { PerformanceData } from '../hooks/useAnalytics';
import { formatPercent, toneOf } from '../lib/format-ratio';
import { SignedMoney } from './SignedMoney';

const PERIODS = [
  ['1D', 'Today'],
  ['1W', 'Week'],
  ['1M', 'Month'],
  ['YTD', 'Year to date'],
] as const;

/** Day, week, month and year-to-date PnL, net of deposits and withdrawals, in value and %. */
export function MetricsBar({ performance, currency }: { performance: PerformanceData | null; currency: QuoteCurrency }) {
  return (
    <dl className="metrics-bar" aria-label="Profit and loss, net of deposits and withdrawals">
      {PERIODS.map(([key, label]) => {
        const period = performance?.periods[key] ?? null;
        const ratio = period?.returnRatio ?? null;
        return (
          <div className="metric" key={key} data-testid={`pnl-${key}`}>
            <dt className="metric__label">{label}</dt>
            <dd className="metric__value">{period ? <SignedMoney value={period.pnl} currency={currency} /> : <span className="text-muted">—</span>}</dd>
            <dd className={`metric__sub ${toneOf(formatPercent(ratio))}`}>{formatPercent(ratio)}</dd>
          </div>
        );
      })}
    </dl>
  );
}
