import type { QuoteCurrency } from '@omnifolio/shared/api';
import { formatMoney } from '@omnifolio/shared/money';
import type { ExposureData } from '../hooks/useAnalytics';
import { formatPercent, formatRatio } from '../lib/format-ratio';
import { SignedMoney } from './SignedMoney';

/** Market exposure per underlying: spot plus derivatives, net and gross, as a share of equity. */
export function ExposureTable({ exposure, currency }: { exposure: ExposureData; currency: QuoteCurrency }) {
  return (
    <section className="panel" aria-labelledby="exposure-heading" data-testid="exposure">
      <h2 className="panel__heading" id="exposure-heading">
        Exposure
      </h2>
      <p className="panel__lede">
        Equity {formatMoney(exposure.equity, currency)} · effective leverage{' '}
        <strong data-testid="leverage">{formatRatio(exposure.effectiveLeverage, 2, '×')}</strong>
      </p>
      <div className="table-scroll">
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">Underlying</th>
              <th scope="col" className="num">
                Spot
              </th>
              <th scope="col" className="num">
                Long
              </th>
              <th scope="col" className="num">
                Short
              </th>
              <th scope="col" className="num">
                Net
              </th>
              <th scope="col" className="num">
                Net % eq.
              </th>
              <th scope="col" className="num">
                Gross
              </th>
            </tr>
          </thead>
          <tbody>
            {exposure.rows.map((r) => (
              <tr key={r.underlying} data-testid="exposure-row" data-underlying={r.underlying}>
                <th scope="row">{r.underlying}</th>
                <td className="num">{formatMoney(r.spot, currency)}</td>
                <td className="num">{formatMoney(r.longNotional, currency)}</td>
                <td className="num">{formatMoney(r.shortNotional, currency)}</td>
                <td className="num">
                  <SignedMoney value={r.net} currency={currency} />
                </td>
                <td className="num">{formatPercent(r.netOfEquity, 1)}</td>
                <td className="num">{formatMoney(r.gross, currency)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="panel__footnote">
        Cash and stablecoins carry no market exposure and are left out.
        {exposure.unpricedHoldings > 0 && ` ${exposure.unpricedHoldings} unpriced holdings cannot be measured.`}
      </p>
    </section>
  );
}
