import type { FxAsOf } from '@omnifolio/shared/api';
import { formatReferenceDay } from '../lib/format';
import { RelativeTime } from './RelativeTime';

/**
 * Which FX rates converted the values shown, beside the total: "FX ECB 21 Nov 2026" (the
 * ECB's reference day) or "FX CoinGecko, 3 min ago" (its intraday rate, for a currency the
 * ECB does not publish or while the ECB's rates are out of date). Nothing when no value
 * needed converting.
 */
export function FxDate({ fx }: { fx: FxAsOf | null | undefined }) {
  if (!fx) return null;
  const title =
    fx.source === 'ECB'
      ? 'Fiat and foreign-currency values use the European Central Bank reference rates of this day (published about 16:00 CET on working days).'
      : 'Fiat and foreign-currency values use CoinGecko exchange rates.';
  return (
    <p className={fx.stale ? 'total__meta text-warning' : 'total__meta'} data-testid="fx-as-of" data-source={fx.source} data-as-of={fx.asOf} title={title}>
      FX {fx.source} {fx.source === 'ECB' ? <time dateTime={fx.asOf}>{formatReferenceDay(fx.asOf)}</time> : <RelativeTime iso={fx.asOf} />}
      {fx.stale && ' (out of date)'}
    </p>
  );
}
