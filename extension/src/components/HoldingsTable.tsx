import type { HoldingView, QuoteCurrency } from '@omnifolio/shared/api';
import { dec } from '@omnifolio/shared/money';
import { useId, useMemo, useState } from 'react';
import { pickValue, plural } from '../lib/format';
import { holdingOnPlatform as onPlatform } from '../lib/holding-on-platform';
import { sortHoldings } from '../lib/holdings';
import { HoldingRow } from './HoldingRow';

export interface HoldingsTableProps {
  holdings: HoldingView[];
  currency: QuoteCurrency;
  /** Show only the largest holdings (the popup); all, with search, sort and platforms, when absent. */
  limit?: number;
}

type SortKey = 'value' | 'symbol' | 'quantity';

/** An on-chain token on no curated list that nothing prices: hidden until the user asks. */
export const isHiddenByDefault = (h: HoldingView) => h.unlisted && h.value === null;

export function HoldingsTable({ holdings, currency, limit }: HoldingsTableProps) {
  const full = limit === undefined;
  const [query, setQuery] = useState('');
  const [sortKey, setSortKey] = useState<SortKey>('value');
  const [descending, setDescending] = useState(true);
  const [platform, setPlatform] = useState('');
  const [showUnlisted, setShowUnlisted] = useState(false);
  const searchId = useId();
  const platforms = useMemo(() => [...new Set(holdings.flatMap((h) => h.sources.map((s) => s.label)))].sort(), [holdings]);

  // Unlisted tokens without a price (airdropped scams, dust) stay out of sight until asked for.
  const unlistedUnpriced = useMemo(() => holdings.filter(isHiddenByDefault).length, [holdings]);
  const rows = useMemo(() => {
    let list = platform ? holdings.map((h) => onPlatform(h, platform)).filter((h): h is HoldingView => h !== null) : holdings;
    if (!showUnlisted) list = list.filter((h) => !isHiddenByDefault(h));
    const q = query.trim().toLowerCase();
    if (q) list = list.filter((h) => h.symbol.toLowerCase().includes(q) || (h.name ?? '').toLowerCase().includes(q));
    let sorted: HoldingView[];
    if (sortKey === 'value') sorted = sortHoldings(list, currency);
    else if (sortKey === 'symbol') sorted = [...list].sort((a, b) => a.symbol.localeCompare(b.symbol));
    else sorted = [...list].sort((a, b) => dec(b.quantity).comparedTo(dec(a.quantity)));
    // Unpriced holdings stay last whichever way the value sort runs.
    if (!descending)
      sorted =
        sortKey === 'value'
          ? [...sorted.filter((h) => pickValue(h.value, currency) !== null).reverse(), ...sorted.filter((h) => pickValue(h.value, currency) === null)]
          : sorted.reverse();
    return sorted;
  }, [holdings, platform, query, sortKey, descending, currency, showUnlisted]);

  const shown = full ? rows : rows.slice(0, limit);
  const hidden = rows.length - shown.length;
  const header = (key: SortKey, label: string, numeric: boolean) => {
    const active = sortKey === key;
    return (
      <th scope="col" className={numeric ? 'num' : undefined} aria-sort={full && active ? (descending ? 'descending' : 'ascending') : undefined}>
        {full ? (
          <button
            type="button"
            className="sort-button"
            onClick={() => {
              if (active) setDescending(!descending);
              else {
                setSortKey(key);
                setDescending(key !== 'symbol');
              }
            }}
          >
            {label}
            <span aria-hidden="true">{active ? (descending ? ' ▾' : ' ▴') : ''}</span>
          </button>
        ) : (
          label
        )}
      </th>
    );
  };

  return (
    <section className="panel" aria-labelledby="holdings-heading">
      <div className="panel__header">
        <h2 className="panel__heading" id="holdings-heading">
          {full ? 'Holdings' : 'Top holdings'}
        </h2>
        {full && (
          <div className="filters">
            <label className="visually-hidden" htmlFor={searchId}>
              Search holdings
            </label>
            <input
              id={searchId}
              className="input input--small"
              type="search"
              placeholder="Search"
              value={query}
              onChange={(e) => setQuery(e.target.value)}
              data-testid="holdings-search"
            />
            {platforms.length > 1 && (
              <select
                className="input input--small"
                aria-label="Platform"
                value={platform}
                onChange={(e) => setPlatform(e.target.value)}
                data-testid="holdings-platform"
              >
                <option value="">All platforms</option>
                {platforms.map((p) => (
                  <option key={p} value={p}>
                    {p}
                  </option>
                ))}
              </select>
            )}
          </div>
        )}
      </div>
      <table className="holdings">
        <thead>
          <tr>
            {header('symbol', 'Asset', false)}
            {header('quantity', 'Quantity', true)}
            <th scope="col" className="num">
              Price
            </th>
            {header('value', 'Value', true)}
          </tr>
        </thead>
        <tbody>
          {shown.map((holding) => (
            <HoldingRow key={holding.assetId} holding={holding} currency={currency} showSources={full} />
          ))}
        </tbody>
      </table>
      {shown.length === 0 && <p className="panel__footnote">No holding matches.</p>}
      {hidden > 0 && <p className="panel__footnote">and {hidden} smaller holdings in the full dashboard.</p>}
      {unlistedUnpriced > 0 && (
        <p className="panel__footnote" data-testid="unlisted-tokens">
          {showUnlisted
            ? `Showing ${plural(unlistedUnpriced, 'unlisted token')} without a price: anyone can send tokens to a wallet, and most such tokens are spam or dust. `
            : `${plural(unlistedUnpriced, 'unlisted token')} without a price ${unlistedUnpriced === 1 ? 'is' : 'are'} hidden (likely spam or dust). `}
          <button type="button" className="link" onClick={() => setShowUnlisted(!showUnlisted)} data-testid="toggle-unlisted">
            {showUnlisted ? 'Hide them' : 'Show them'}
          </button>
        </p>
      )}
    </section>
  );
}
