import type Database from 'better-sqlite3';
import { resolveAsset } from './asset-resolver.js';
import type { FigiListing, OpenFigiClient } from './providers/openfigi/openfigi-client.js';
import { chooseYahooSymbol, EXCH_CODES_BY_CURRENCY, yahooSymbolOf } from './providers/openfigi/yahoo-listing.js';

/**
 * Which Yahoo Finance listing values a share or fund:
 * - `isin:…` (statement holdings): OpenFIGI maps the ISIN to its listings once; the answer
 *   is kept in `settings` (`openfigi.isin.<ISIN>`), so a second resolve sends no request.
 *   An ISIN OpenFIGI does not know is asked again after a week. The listing in the currency
 *   the statement prices it in wins (a CHF fund → SIX → `XXXX.SW`).
 * - `sym:…` with asset class equity or fund (broker holdings): the ticker on the exchange of
 *   the currency its broker marks it in (`NESN` marked in CHF → `NESN.SW`, `700` in HKD →
 *   `0700.HK`, USD → `AAPL`). Options and other contracts (tickers with spaces) are not
 *   listings and stay with the broker's mark.
 * Anything else (`cg:`, crypto symbols, fiat, tokens) never goes to Yahoo: SOL the coin is
 * not the ticker SOL.
 */

const NEGATIVE_TTL_MS = 7 * 86_400_000;

interface CachedMapping {
  listings: FigiListing[];
  resolvedAt: string;
}

export interface MarketListingsDeps {
  sqlite: Database.Database;
  /** Without it, `isin:` assets are not resolved (statement NAV only). */
  openFigi?: Pick<OpenFigiClient, 'mapIsins'>;
  now?: () => Date;
  /** Prefix of the cache keys, so the demo's simulated mappings never serve a real holding. Default none. */
  cacheNamespace?: string;
}

export function createMarketListings(deps: MarketListingsDeps) {
  const { sqlite } = deps;
  const now = deps.now ?? (() => new Date());
  const prefix = deps.cacheNamespace ? `${deps.cacheNamespace}.` : '';
  const LISTING_KEY = (isin: string) => `${prefix}openfigi.isin.${isin}`;
  const MISSING_KEY = (symbol: string) => `${prefix}yahoo.missing.${symbol}`;
  const readSetting = sqlite.prepare('SELECT value FROM settings WHERE key = ?');
  const writeSetting = sqlite.prepare(
    'INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at',
  );
  const assetClass = sqlite.prepare('SELECT asset_class AS assetClass, symbol FROM assets WHERE id = ?');
  // The demo's statements store their prices as `statement-demo` (ingest/statement-writer.ts).
  const statementCurrency = sqlite.prepare(
    "SELECT quote FROM prices WHERE asset_id = ? AND source IN ('statement', 'statement-demo') ORDER BY at DESC LIMIT 1",
  );
  const markCurrencies = sqlite.prepare('SELECT symbol, settle_asset AS currency, as_of AS asOf FROM positions WHERE settle_asset IS NOT NULL');

  const read = <T>(key: string): T | undefined => {
    const row = readSetting.get(key) as { value: string } | undefined;
    return row ? (JSON.parse(row.value) as T) : undefined;
  };
  const write = (key: string, value: unknown) => writeSetting.run(key, JSON.stringify(value), now().toISOString());

  function cachedMapping(isin: string): CachedMapping | undefined {
    const cached = read<CachedMapping>(LISTING_KEY(isin));
    if (!cached) return undefined;
    if (cached.listings.length === 0 && now().getTime() - Date.parse(cached.resolvedAt) > NEGATIVE_TTL_MS) return undefined;
    return cached;
  }

  /** The newest broker-mark currency per `sym:` asset id. */
  function markCurrencyById(): Map<string, string> {
    const out = new Map<string, { currency: string; asOf: string }>();
    for (const row of markCurrencies.all() as { symbol: string; currency: string; asOf: string }[]) {
      const id = resolveAsset({ symbol: row.symbol, kind: 'equity' }).id;
      const seen = out.get(id);
      if (!seen || seen.asOf < row.asOf) out.set(id, { currency: row.currency, asOf: row.asOf });
    }
    return new Map([...out].map(([id, v]) => [id, v.currency]));
  }

  function symSymbol(assetId: string, marks: Map<string, string>): string | null {
    const asset = assetClass.get(assetId) as { assetClass: string; symbol: string } | undefined;
    if (!asset || (asset.assetClass !== 'equity' && asset.assetClass !== 'fund')) return null;
    const ticker = assetId.slice(4);
    if (!/^[A-Z0-9][A-Z0-9.\-/]{0,11}$/.test(ticker)) return null;
    const currency = marks.get(assetId) ?? 'USD';
    const exchCode = EXCH_CODES_BY_CURRENCY[currency]?.[0];
    return exchCode ? yahooSymbolOf({ ticker, exchCode }) : null;
  }

  function isinSymbol(assetId: string, mapping: CachedMapping | undefined): string | null {
    if (!mapping) return null;
    const quote = (statementCurrency.get(assetId) as { quote: string } | undefined)?.quote ?? null;
    return chooseYahooSymbol(assetId.slice(5), mapping.listings, quote ? quote.toUpperCase() : null);
  }

  function isMissing(symbol: string): boolean {
    const at = read<string>(MISSING_KEY(symbol));
    return at !== undefined && now().getTime() - Date.parse(at) < NEGATIVE_TTL_MS;
  }

  /** Asset ids that a market listing could value: `sym:` shares and funds, `isin:` holdings (asset class checked in resolve). */
  const candidates = (assetIds: Iterable<string>): string[] => [...new Set(assetIds)].filter((id) => id.startsWith('sym:') || id.startsWith('isin:'));

  return {
    candidates,

    /**
     * Yahoo symbol per asset id, from the cache; `isin:` ids not mapped yet are sent to
     * OpenFIGI (in its batches) first. Ids without a listing are absent.
     */
    async resolve(assetIds: Iterable<string>): Promise<Map<string, string>> {
      const ids = candidates(assetIds);
      const isins = ids.filter((id) => id.startsWith('isin:')).map((id) => id.slice(5));
      const unmapped = isins.filter((isin) => cachedMapping(isin) === undefined);
      if (unmapped.length > 0 && deps.openFigi) {
        const mapped = await deps.openFigi.mapIsins(unmapped);
        for (const [isin, listings] of mapped) write(LISTING_KEY(isin), { listings, resolvedAt: now().toISOString() } satisfies CachedMapping);
      }
      const marks = markCurrencyById();
      const out = new Map<string, string>();
      for (const id of ids) {
        const symbol = id.startsWith('sym:') ? symSymbol(id, marks) : isinSymbol(id, cachedMapping(id.slice(5)));
        if (symbol && !isMissing(symbol)) out.set(id, symbol);
      }
      return out;
    },

    /** No provider of the chain has data for this symbol: it is not asked again for a week. */
    markMissing(symbol: string): void {
      write(MISSING_KEY(symbol), now().toISOString());
    },
  };
}

export type MarketListings = ReturnType<typeof createMarketListings>;
