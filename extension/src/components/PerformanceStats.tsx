import type { QuoteCurrency } from '@omnifolio/shared/api';
import type { PerformanceData } from '../hooks/useAnalytics';
import { formatPercent, formatRatio } from '../lib/format-ratio';
import { SignedMoney } from './SignedMoney';

const day = new Intl.DateTimeFormat('en', { dateStyle: 'medium' });
const fmtDay = (d: string | null | undefined) => (d ? day.format(Date.parse(`${d}T12:00:00Z`)) : '—');

/** Returns, risk and closed-trade statistics for the chosen range (definitions in docs/performance.md). */
export function PerformanceStats({ performance, currency }: { performance: PerformanceData; currency: QuoteCurrency }) {
  const { pnl, trades, maxDrawdown } = performance;
  const rows: [string, React.ReactNode, string?][] = [
    [
      'Profit / loss',
      <SignedMoney value={pnl?.pnl ?? null} currency={currency} />,
      'Value change net of deposits and withdrawals; moves between your own accounts are not flows.',
    ],
    ['Time-weighted return', formatPercent(pnl?.returnRatio), 'Daily returns chained: how the investments did, whatever you deposited when.'],
    [
      'Money-weighted return (IRR, p.a.)',
      formatPercent(performance.moneyWeightedReturn),
      'The annual rate that matches your deposits and withdrawals to today’s value.',
    ],
    ['Volatility (p.a.)', formatPercent(performance.volatility), 'Standard deviation of daily returns × √365.'],
    ['Sharpe ratio', formatRatio(performance.sharpe), `Excess return over a ${formatPercent(performance.riskFreeRate)} risk-free rate per unit of volatility.`],
    [
      'Max drawdown',
      maxDrawdown
        ? `${formatPercent(maxDrawdown.depth)} (${fmtDay(maxDrawdown.peakDay)} → ${fmtDay(maxDrawdown.troughDay)}${maxDrawdown.recoveredDay ? `, recovered ${fmtDay(maxDrawdown.recoveredDay)}` : ', not recovered'})`
        : '—',
      'The deepest fall from a peak of the time-weighted index.',
    ],
    ['Closed trades', `${trades.trades} (${trades.wins} won, ${trades.losses} lost)`, 'Sells matched to buys first-in-first-out, fees included.'],
    ['Win rate', formatPercent(trades.winRate, 1)],
    ['Profit factor', formatRatio(trades.profitFactor)],
    [
      'Average win / loss',
      <>
        <SignedMoney value={trades.averageWin} currency={currency} /> / <SignedMoney value={trades.averageLoss} currency={currency} />
      </>,
    ],
    ['Expectancy per trade', <SignedMoney value={trades.expectancy} currency={currency} />],
  ];
  return (
    <section className="panel" aria-labelledby="stats-heading">
      <h2 className="panel__heading" id="stats-heading">
        Performance · {performance.range}
      </h2>
      <dl className="stats" data-testid="performance-stats">
        {rows.map(([label, value, help]) => (
          <div className="stats__row" key={label}>
            <dt title={help}>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      {(performance.notes.unvaluedFlows > 0 || performance.notes.unvaluedTrades > 0) && (
        <p className="panel__footnote text-warning">
          {performance.notes.unvaluedFlows + performance.notes.unvaluedTrades} deposits, withdrawals or trades have no price on their day and are left out of
          these figures.
        </p>
      )}
      <p className="panel__footnote">Days end at midnight in {performance.timeZone}.</p>
    </section>
  );
}
