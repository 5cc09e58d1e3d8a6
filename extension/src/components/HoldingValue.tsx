import type { QuoteCurrency } from '@omnifolio/shared/api';
import { formatMoney } from '@omnifolio/shared/money';
import { UNPRICED_LABEL } from '../lib/format';

export interface HoldingValueProps {
  /** The decimal string in `currency`; null when no price source knows the asset. */
  value: string | null;
  currency: QuoteCurrency;
}

/** A holding's value as a table cell shows it: rounded money, or "unpriced" (never 0, which would be a lie). */
export function HoldingValue({ value, currency }: HoldingValueProps) {
  if (value === null) {
    return (
      <span className="tag tag--unpriced" title="No price source knows this asset; it is not counted in the total.">
        {UNPRICED_LABEL}
      </span>
    );
  }
  return <>{formatMoney(value, currency)}</>;
}
