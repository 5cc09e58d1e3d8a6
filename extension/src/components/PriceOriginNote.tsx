import type { PriceOrigin } from '@omnifolio/shared/api';
import { describePriceOrigin } from '../lib/price-origin';
import { RelativeTime } from './RelativeTime';

/**
 * Beside a holding's price: nothing while it is current (its source is in the hover text),
 * "stale · 3 hours ago" when its source could not be reached since, so a last known price is
 * never mistaken for a current one.
 */
export function PriceOriginNote({ origin }: { origin: PriceOrigin | null | undefined }) {
  if (!origin?.stale) return null;
  return (
    <span className="tag tag--stale" data-testid="price-stale" title={describePriceOrigin(origin)}>
      stale · <RelativeTime iso={origin.asOf} />
    </span>
  );
}
