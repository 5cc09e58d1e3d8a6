import type { QuoteCurrency } from '@omnifolio/shared/api';
import { formatMoney, formatQuantity } from '@omnifolio/shared/money';
import type { ExposureData } from '../hooks/useAnalytics';
import { SignedMoney } from './SignedMoney';

/** Open derivatives positions with their unrealized PnL. Prices are in the settle asset, values in the chosen currency. */
export function PositionsTable({ positions, currency }: { positions: ExposureData['positions']; currency: QuoteCurrency }) {
  if (positions.length === 0) return null;
  return (
    <section className="panel" aria-labelledby="positions-heading" data-testid="positions">
      <h2 className="panel__heading" id="positions-heading">
        Open positions
      </h2>
      <div className="table-scroll">
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">Market</th>
              <th scope="col">Side</th>
              <th scope="col" className="num">
                Size
              </th>
              <th scope="col" className="num">
                Entry / mark
              </th>
              <th scope="col" className="num">
                Liq. price
              </th>
              <th scope="col" className="num">
                Notional
              </th>
              <th scope="col" className="num">
                uPnL
              </th>
            </tr>
          </thead>
          <tbody>
            {positions.map((p) => (
              <tr key={`${p.platform}:${p.symbol}:${p.side}`} data-testid="position-row">
                <th scope="row">
                  <span className="holding__asset">
                    <span className="holding__symbol">{p.symbol}</span>
                    <span className="holding__name">
                      {p.platform}
                      {p.leverage !== null && ` · ${p.leverage}×`}
                    </span>
                  </span>
                </th>
                <td>
                  <span className={`tag ${p.side === 'long' ? 'tag--ok' : 'tag--error'}`}>{p.side}</span>
                </td>
                <td className="num">{formatQuantity(p.size)}</td>
                <td className="num">
                  {p.entryPrice ?? '—'} / {p.markPrice ?? '—'} {p.settleAsset ?? ''}
                </td>
                <td className="num">{p.liquidationPrice ?? '—'}</td>
                <td className="num">{p.notional === null ? <span className="text-muted">unpriced</span> : formatMoney(p.notional, currency)}</td>
                <td className="num">
                  <SignedMoney value={p.unrealizedPnl} currency={currency} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
