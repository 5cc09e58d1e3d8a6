import type { HoldingView, QuoteCurrency } from '@omnifolio/shared/api';
import { formatQuantity } from '@omnifolio/shared/money';
import { formatPrice, pickValue, unitPrice } from '../lib/format';
import { describePriceOrigin } from '../lib/price-origin';
import { HoldingValue } from './HoldingValue';
import { PriceOriginNote } from './PriceOriginNote';

export interface HoldingRowProps {
  holding: HoldingView;
  currency: QuoteCurrency;
  /** The full dashboard also names the connections that hold the asset. */
  showSources: boolean;
}

export function HoldingRow({ holding, currency, showSources }: HoldingRowProps) {
  const value = pickValue(holding.value, currency);
  const price = unitPrice(holding, currency);
  return (
    <tr data-testid="holding-row" data-symbol={holding.symbol} data-priced={value !== null}>
      <th scope="row">
        <span className="holding__asset">
          <span className="holding__symbol">{holding.symbol}</span>
          {holding.name !== null && holding.name !== holding.symbol && <span className="holding__name">{holding.name}</span>}
          {showSources && holding.sources.length > 0 && <span className="holding__name">{holding.sources.map((s) => s.label).join(', ')}</span>}
        </span>
      </th>
      <td className="num">{formatQuantity(holding.quantity)}</td>
      <td className="num">
        {price === null ? (
          <span className="text-muted">—</span>
        ) : (
          <span
            className={holding.price?.stale ? 'text-warning' : undefined}
            data-testid="holding-price"
            data-source={holding.price?.source}
            title={holding.price ? describePriceOrigin(holding.price) : undefined}
          >
            {formatPrice(price, currency)}
          </span>
        )}
        <PriceOriginNote origin={holding.price} />
      </td>
      <td className="num">
        <HoldingValue value={value} currency={currency} />
      </td>
    </tr>
  );
}
