import type { QuoteCurrency } from '@omnifolio/shared/api';
import { formatMoney } from '@omnifolio/shared/money';
import { signOf } from '../lib/format-ratio';

/** A gain or loss: "+$1,066.80" in green, "−$50.00" in red, with the sign in text too (colour is not the only cue). */
export function SignedMoney({ value, currency }: { value: string | null; currency: QuoteCurrency }) {
  if (value === null) return <span className="text-muted">—</span>;
  const sign = signOf(value);
  const abs = value.startsWith('-') ? value.slice(1) : value;
  return <span className={sign > 0 ? 'gain' : sign < 0 ? 'loss' : undefined}>{`${sign > 0 ? '+' : sign < 0 ? '−' : ''}${formatMoney(abs, currency)}`}</span>;
}
