import type { QuoteCurrency } from '@omnifolio/shared/api';

export interface CurrencyToggleProps {
  currency: QuoteCurrency;
  onChange(currency: QuoteCurrency): void;
}

/** One button that switches between USD and CHF; the current one is highlighted. */
export function CurrencyToggle({ currency, onChange }: CurrencyToggleProps) {
  const other: QuoteCurrency = currency === 'USD' ? 'CHF' : 'USD';
  return (
    <button
      type="button"
      className="currency-toggle"
      data-testid="currency-toggle"
      data-currency={currency}
      aria-label={`Values in ${currency}. Show them in ${other}.`}
      title={`Show values in ${other}`}
      onClick={() => onChange(other)}
    >
      {(['USD', 'CHF'] as const).map((code) => (
        <span key={code} className={code === currency ? 'currency-toggle__option is-active' : 'currency-toggle__option'}>
          {code}
        </span>
      ))}
    </button>
  );
}
