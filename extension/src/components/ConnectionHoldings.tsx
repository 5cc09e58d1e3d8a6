import type { HoldingView, QuoteCurrency } from '@omnifolio/shared/api';
import { formatMoney, formatQuantity } from '@omnifolio/shared/money';
import { pickValue, plural, UNPRICED_LABEL } from '../lib/format';

export interface ConnectionHoldingsProps {
  /** What this connection holds, its own quantities and values (lib/connection-holdings.ts). */
  holdings: HoldingView[];
  currency: QuoteCurrency;
}

/**
 * A connection's holdings folded under its row: every position and cash currency of that
 * account, not only the portfolio's largest, so the popup answers "what is in my IBKR
 * account" without opening the full dashboard. A native <details>: keyboard and screen
 * readers get the disclosure for free, and it stays closed until asked for.
 */
export function ConnectionHoldings({ holdings, currency }: ConnectionHoldingsProps) {
  return (
    <details className="connection-holdings" data-testid="connection-holdings">
      <summary className="link" data-testid="connection-holdings-toggle">
        {plural(holdings.length, 'holding')}
      </summary>
      <table className="holdings">
        <thead>
          <tr>
            <th scope="col">Asset</th>
            <th scope="col" className="num">
              Quantity
            </th>
            <th scope="col" className="num">
              Value
            </th>
          </tr>
        </thead>
        <tbody>
          {holdings.map((h) => {
            const value = pickValue(h.value, currency);
            return (
              <tr key={h.assetId} data-testid="connection-holding" data-symbol={h.symbol} data-quantity={h.quantity} data-value={value ?? ''}>
                <th scope="row">
                  <span className="holding__symbol">{h.symbol}</span>
                </th>
                <td className="num">{formatQuantity(h.quantity)}</td>
                <td className="num">
                  {value === null ? (
                    <span className="tag tag--unpriced" title="No price source knows this asset; it is not counted in the total.">
                      {UNPRICED_LABEL}
                    </span>
                  ) : (
                    formatMoney(value, currency)
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </details>
  );
}
