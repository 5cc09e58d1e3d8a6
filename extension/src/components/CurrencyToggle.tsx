import type { QuoteCurrency } from '@omnifolio/shared/api';

export interface CurrencyToggleProps {
  currency: QuoteCurrency;
  /** The currencies to cycle through: the base currency (when converted), USD, CHF. */
  currencies: readonly QuoteCurrency[];
  onChange(currency: QuoteCurrency): void;
}

/** One button that moves to the next currency; the current one is highlighted. */
export function CurrencyToggle({ currency, currencies, onChange }: CurrencyToggleProps) {
  const at = currencies.indexOf(currency);
  const next = currencies[(at + 1) % currencies.length] ?? currency;
  return (
    <button
      type="button"
      className="currency-toggle"
      data-testid="currency-toggle"
      data-currency={currency}
      aria-label={`Values in ${currency}. Show them in ${next}.`}
      title={`Show values in ${next}`}
      onClick={() => onChange(next)}
    >
      {currencies.map((code) => (
        <span key={code} className={code === currency ? 'currency-toggle__option is-active' : 'currency-toggle__option'}>
          {code}
        </span>
      ))}
    </button>
  );
}
