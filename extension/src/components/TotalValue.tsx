import type { Overview, QuoteCurrency } from '@omnifolio/shared/api';
import { formatMoney } from '@omnifolio/shared/money';
import { pickValue } from '../lib/format';
import { FxDate } from './FxDate';
import { RelativeTime } from './RelativeTime';

export interface TotalValueProps {
  overview: Overview;
  currency: QuoteCurrency;
  /** When these numbers arrived; shown when they may be old (the companion is not answering). */
  receivedAt: string | null;
}

const PRICE_SOURCES: Record<string, string> = {
  coingecko: 'CoinGecko',
  demo: 'simulated demo prices',
};

/** The one number: everything priced, in the chosen currency. */
export function TotalValue({ overview, currency, receivedAt }: TotalValueProps) {
  // `total` is never null: unpriced assets are left out of it and listed apart.
  const value = pickValue(overview.total, currency) ?? '0';
  const source = PRICE_SOURCES[overview.pricing.source] ?? overview.pricing.source;
  return (
    <section className="total" aria-labelledby="total-label">
      <p className="total__label" id="total-label">
        Total value
      </p>
      <p className="total__value" data-testid="total-value" data-value={value} data-currency={currency} elementtiming="total">
        {formatMoney(value, currency)}
      </p>
      <p className="total__meta">
        {receivedAt !== null ? (
          <>
            Last known value, received <RelativeTime iso={receivedAt} />.
          </>
        ) : overview.pricing.stale ? (
          <span className="text-warning">
            Prices from {source} are out of date
            {overview.pricing.asOf !== null && (
              <>
                {' '}
                (<RelativeTime iso={overview.pricing.asOf} />)
              </>
            )}
            .
          </span>
        ) : (
          <>
            Prices from {source}
            {overview.pricing.asOf !== null && (
              <>
                , <RelativeTime iso={overview.pricing.asOf} />
              </>
            )}
            .
          </>
        )}
      </p>
      <FxDate fx={currency === overview.base?.currency && overview.base.fx ? overview.base.fx : overview.pricing.fx} />
    </section>
  );
}
