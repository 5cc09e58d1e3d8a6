import type { HoldingView, QuoteCurrency } from '@omnifolio/shared/api';
import { formatQuantity } from '@omnifolio/shared/money';
import { useMemo, useState } from 'react';
import { connectionHoldings } from '../lib/connection-holdings';
import { pickValue, plural } from '../lib/format';
import { HoldingValue } from './HoldingValue';

export interface ConnectionHoldingsProps {
  /** The portfolio's holdings; the list shows this connection's part of each (lib/connection-holdings.ts). */
  holdings: readonly HoldingView[];
  connectionId: string;
  /** How many holdings the connection has a part of, said while the list is closed. */
  count: number;
  currency: QuoteCurrency;
}

/**
 * A connection's holdings folded under its row: every position and cash currency of that
 * account, not only the portfolio's largest, so the popup answers "what is in my IBKR
 * account" without opening the full dashboard. A native <details>: keyboard and screen
 * readers get the disclosure for free, and it stays closed until asked for. The rows (each
 * part's value worked out in exact decimals) are built when it opens, not on every render
 * of the popup: with every connection's list built up front, they were most of the popup's
 * first paint.
 */
export function ConnectionHoldings({ holdings, connectionId, count, currency }: ConnectionHoldingsProps) {
  const [open, setOpen] = useState(false);
  return (
    <details className="connection-holdings" data-testid="connection-holdings" open={open} onToggle={(event) => setOpen(event.currentTarget.open)}>
      <summary className="link" data-testid="connection-holdings-toggle">
        {plural(count, 'holding')}
      </summary>
      {open && <ConnectionHoldingsTable holdings={holdings} connectionId={connectionId} currency={currency} />}
    </details>
  );
}

function ConnectionHoldingsTable({ holdings, connectionId, currency }: Omit<ConnectionHoldingsProps, 'count'>) {
  const rows = useMemo(() => connectionHoldings(holdings, connectionId, currency), [holdings, connectionId, currency]);
  return (
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
        {rows.map((h) => {
          const value = pickValue(h.value, currency);
          return (
            <tr key={h.assetId} data-testid="connection-holding" data-symbol={h.symbol} data-quantity={h.quantity} data-value={value ?? ''}>
              <th scope="row">
                <span className="holding__symbol">{h.symbol}</span>
              </th>
              <td className="num">{formatQuantity(h.quantity)}</td>
              <td className="num">
                <HoldingValue value={value} currency={currency} />
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
