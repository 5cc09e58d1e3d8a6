import type { ActivityView } from '@omnifolio/shared/api';
import { formatQuantity } from '@omnifolio/shared/money';
import { ACTIVITY_LABELS } from '../lib/activity-labels';
import { formatTimestamp } from '../lib/format';

/** "+0.5 BTC", "−1.324 CHF": the sign in text, and in colour for gains and losses. */
function Change({ value, symbol }: { value: string; symbol: string }) {
  const negative = value.startsWith('-');
  const abs = negative ? value.slice(1) : value;
  const zero = /^0(\.0*)?$/.test(abs);
  return <span className={zero ? undefined : negative ? 'loss' : 'gain'}>{`${zero ? '' : negative ? '−' : '+'}${formatQuantity(abs)} ${symbol}`}</span>;
}

/**
 * Stored activities as rows: when, where, what, and what it did to the balances (the asset,
 * and for a trade the quote, signed), with the price and the fee. Amounts are shown to eight
 * decimals; the row's title carries the exact recorded quantity.
 */
export function ActivityTable({ items }: { items: ActivityView[] }) {
  return (
    <div className="table-scroll">
      <table className="data-table">
        <thead>
          <tr>
            <th scope="col">When</th>
            <th scope="col">Where</th>
            <th scope="col">What</th>
            <th scope="col" className="num">
              Change
            </th>
            <th scope="col" className="num">
              Price
            </th>
            <th scope="col" className="num">
              Fee
            </th>
          </tr>
        </thead>
        <tbody>
          {items.map((a) => (
            <tr
              key={a.id}
              data-testid="activity-row"
              data-type={a.type}
              data-symbol={a.symbol}
              data-change={a.change ?? ''}
              title={`${a.quantity} ${a.symbol}`}
            >
              <td>{formatTimestamp(a.executedAt)}</td>
              <td>
                {a.connectionLabel}
                <span className="text-muted"> · {a.accountName}</span>
              </td>
              <td>
                {ACTIVITY_LABELS[a.type]}
                {a.provisional && (
                  <span className="tag" title="Read from the provider’s page, rounded as shown; the statement file replaces it">
                    from page
                  </span>
                )}
              </td>
              <td className="num">
                {a.change === null ? (
                  <span className="text-muted">{`${formatQuantity(a.quantity)} ${a.symbol}`}</span>
                ) : (
                  <Change value={a.change} symbol={a.symbol} />
                )}
                {a.quoteChange !== null && a.quoteSymbol !== null && (
                  <>
                    <br />
                    <Change value={a.quoteChange} symbol={a.quoteSymbol} />
                  </>
                )}
              </td>
              <td className="num">{a.price === null ? '—' : `${formatQuantity(a.price)} ${a.quoteSymbol ?? ''}`.trim()}</td>
              <td className="num">{a.fee === null ? '—' : `${formatQuantity(a.fee)} ${a.feeSymbol ?? a.symbol}`}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
