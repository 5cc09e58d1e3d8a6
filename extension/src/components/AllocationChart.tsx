import type { QuoteCurrency } from '@omnifolio/shared/api';
import { formatMoney } from '@omnifolio/shared/money';
import { useState } from 'react';
import type { AllocationData } from '../hooks/useAnalytics';
import { formatPercent } from '../lib/format-ratio';

const VIEWS = [
  ['byAssetClass', 'Class'],
  ['byPlatform', 'Platform'],
  ['byCurrency', 'Currency'],
] as const;
type View = (typeof VIEWS)[number][0];

const CLASS_LABELS: Record<string, string> = { crypto: 'Crypto', equity: 'Equities', fund: 'Funds', cash: 'Cash', pension: 'Pension', other: 'Other' };

/** Allocation as one stacked bar with a legend, by class, platform or currency. */
export function AllocationChart({ allocation, currency }: { allocation: AllocationData; currency: QuoteCurrency }) {
  const [view, setView] = useState<View>('byAssetClass');
  const slices = allocation[view];
  const label = (key: string) =>
    view === 'byAssetClass' ? (CLASS_LABELS[key] ?? key) : view === 'byCurrency' && key === 'crypto' ? 'Crypto (no currency)' : key;
  return (
    <section className="panel" aria-labelledby="allocation-heading" data-testid="allocation">
      <div className="panel__header">
        <h2 className="panel__heading" id="allocation-heading">
          Allocation
        </h2>
        {/* biome-ignore lint/a11y/useSemanticElements: a row of toggle buttons, not a form; <fieldset> would add form semantics and chrome */}
        <div className="segmented" role="group" aria-label="Group by">
          {VIEWS.map(([key, text]) => (
            <button key={key} type="button" className="segmented__item" aria-pressed={view === key} onClick={() => setView(key)}>
              {text}
            </button>
          ))}
        </div>
      </div>
      <div className="allocation__bar" aria-hidden="true">
        {slices.map((s, i) => (
          <span key={s.key} className={`allocation__slice swatch-${i % 8}`} style={{ flexGrow: Math.max(Number(s.share ?? 0), 0) }} />
        ))}
      </div>
      <ul className="allocation__legend">
        {slices.map((s, i) => (
          <li key={s.key} data-testid="allocation-slice" data-key={s.key}>
            <span className={`swatch swatch-${i % 8}`} aria-hidden="true" />
            <span className="allocation__name">{label(s.key)}</span>
            <span className="num">{formatPercent(s.share, 1).replace('+', '')}</span>
            <span className="num text-muted">{formatMoney(s.value, currency)}</span>
          </li>
        ))}
      </ul>
      {allocation.unpricedHoldings > 0 && <p className="panel__footnote">{allocation.unpricedHoldings} unpriced holdings are not included.</p>}
    </section>
  );
}
