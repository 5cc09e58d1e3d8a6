import type { HoldingView, QuoteCurrency } from '@omnifolio/shared/api';
import { sortHoldings } from '../lib/holdings';
import { HoldingRow } from './HoldingRow';

export interface HoldingsTableProps {
  holdings: HoldingView[];
  currency: QuoteCurrency;
  /** Show only the largest holdings (the popup); all when absent. */
  limit?: number;
}

export function HoldingsTable({ holdings, currency, limit }: HoldingsTableProps) {
  const sorted = sortHoldings(holdings, currency);
  const shown = limit === undefined ? sorted : sorted.slice(0, limit);
  const hidden = sorted.length - shown.length;
  return (
    <section className="panel" aria-labelledby="holdings-heading">
      <h2 className="panel__heading" id="holdings-heading">
        {limit === undefined ? 'Holdings' : 'Top holdings'}
      </h2>
      <table className="holdings">
        <thead>
          <tr>
            <th scope="col">Asset</th>
            <th scope="col" className="num">
              Quantity
            </th>
            <th scope="col" className="num">
              Price
            </th>
            <th scope="col" className="num">
              Value
            </th>
          </tr>
        </thead>
        <tbody>
          {shown.map((holding) => (
            <HoldingRow key={holding.assetId} holding={holding} currency={currency} showSources={limit === undefined} />
          ))}
        </tbody>
      </table>
      {hidden > 0 && <p className="panel__footnote">and {hidden} smaller holdings in the full dashboard.</p>}
    </section>
  );
}
