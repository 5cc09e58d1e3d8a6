import type { QuoteCurrency } from '@omnifolio/shared/api';
import { formatMoney } from '@omnifolio/shared/money';
import { signOf } from '../lib/format-ratio';

/** A gain or loss: "+$1,066.80" in green, "−$50.00" in red, with the sign in text too (colour is not the only cue); "$0.00" when it rounds to nothing. */
export function SignedMoney({ value, currency }: { value: string | null; currency: QuoteCurrency }) {
  if (value === null) return <span className="text-muted">—</span>;
  const shown = formatMoney(value.startsWith('-') ? value.slice(1) : value, currency);
  // What rounds to zero on screen carries no sign: "−CHF 0.00" would say there was a loss.
  const sign = /[1-9]/.test(shown) ? signOf(value) : 0;
  return <span className={sign > 0 ? 'gain' : sign < 0 ? 'loss' : undefined}>{`${sign > 0 ? '+' : sign < 0 ? '−' : ''}${shown}`}</span>;
}
