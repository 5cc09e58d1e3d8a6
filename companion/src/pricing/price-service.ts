import { isBaseError } from '@omnifolio/shared/errors';
import { dec, toDecimalString } from '@omnifolio/shared/money';
import type { DualPrice } from '../engine/valuation.js';
import type { HistoricalPriceSource } from '../history/price-history-backfill.js';
import type { Logger } from '../logging/logger.js';
import type { Clock } from '../storage/clock.js';
import type { FxRatesRepository } from '../storage/repositories/fx-rates-repository.js';
import type { PricesRepository } from '../storage/repositories/prices-repository.js';
import type { MarketPriceSource } from './market-price-source.js';
import type { CoinGeckoClient } from './providers/coingecko/coingecko-client.js';
import { tokenPlatformOf } from './providers/coingecko/token-platform.js';
import type { EcbFxHistory } from './providers/ecb/ecb-fx-history.js';

/**
 * What the price service needs from a crypto market-data provider: CoinGecko's client.
 * Without `tokenPrice`, on-chain tokens (`evm:…`) stay unpriced.
 */
export type CryptoPriceSource = Pick<CoinGeckoClient, 'simplePrice' | 'exchangeRates'> & Partial<Pick<CoinGeckoClient, 'tokenPrice'>>;

export interface CurrentPrice extends DualPrice {
  /** When the price was fetched, ISO. */
  asOf: string;
  /** Older than the TTL: the provider could not be reached since. Shown with its age. */
  stale: boolean;
  /** For a value converted through an FX rate: whose rate, and as of when. */
  fx?: FxUsed;
  /**
   * Where the price comes from: `CoinGecko` (coins, tokens, and fiat at its intraday rate),
   * `ECB` (fiat at its reference rate), `Yahoo Finance`, `statement` (a fund's NAV),
   * `broker` (the broker's mark).
   */
  source: string;
}

/**
 * The FX rate a value was converted with: the ECB's reference rate of a day (`asOf`
 * `YYYY-MM-DD`), or CoinGecko's intraday rate (`asOf` the instant it was fetched).
 */
export interface FxUsed {
  source: 'ECB' | 'CoinGecko';
  asOf: string;
  stale: boolean;
}

export interface PriceServiceOptions {
  prices: PricesRepository;
  fxRates: FxRatesRepository;
  source: CryptoPriceSource;
  /** Name stored with every cached price, e.g. `coingecko`. */
  sourceName: string;
  /** Daily closes for backfilling history (history/price-history-backfill.ts); none: no backfill. */
  historySource?: HistoricalPriceSource;
  /**
   * The ECB's daily reference rates: the primary source of fiat values and their history.
   * CoinGecko's `exchange_rates` values a currency the ECB does not publish, or any currency
   * while the ECB's rates are stale.
   */
  referenceRates?: EcbFxHistory;
  /**
   * Market prices of shares, ETFs and funds (`sym:` equities and funds, `isin:` holdings):
   * Yahoo Finance, then the keyed fallbacks, through OpenFIGI's listings
   * (market-source-chain.ts). Without it they are priced by statements and broker marks only.
   */
  market?: MarketPriceSource;
  /**
   * Name stored with every cached market price of the chain's first provider, e.g. `yahoo`;
   * a fallback's prices are stored as `<name>:<provider id>` (`yahoo:tiingo`). Default `yahoo`.
   */
  marketSourceName?: string;
  /**
   * Where statements' prices (a fund's NAV) are read from, first found wins. Default
   * `statement`; the demo's pricing reads its own statements' `statement-demo` first.
   */
  statementSources?: readonly string[];
  /** How long a fetched price counts as current. */
  ttlMs?: number;
  clock?: Clock;
  log: Logger;
}

const QUOTES = ['usd', 'chf'] as const;

/**
 * A fallback provider's price is asked again after an hour at the earliest: they are
 * end-of-day sources with small daily allowances (Tiingo 1,000 a day and 50 an hour,
 * Alpha Vantage 25 a day), and Yahoo gets its turn back within that hour.
 */
const FALLBACK_TTL_MS = 60 * 60_000;

/** Prices stated by statements (a fund's NAV) are cached under this source, in these currencies, and reported as it. */
const STATEMENT_SOURCE = 'statement';
const STATEMENT_QUOTES = ['chf', 'usd', 'eur', 'gbp'] as const;

/**
 * Prices assets for the dashboard from a SQLite cache, refreshed from the provider when
 * older than the TTL. Reading (`current`) never calls a provider, so the dashboard never
 * waits on one. When a refresh fails the last known price stays, marked stale; an asset
 * that was never priced stays unpriced, never zero.
 */
export function createPriceService(options: PriceServiceOptions) {
  const ttlMs = options.ttlMs ?? 5 * 60_000;
  const statementSources = options.statementSources ?? [STATEMENT_SOURCE];
  const clock = options.clock ?? (() => new Date());
  const { prices, fxRates, source, sourceName, log } = options;
  const fxSource = `${sourceName}:exchange_rates`;

  const isFresh = (fetchedAt: string | undefined) => !!fetchedAt && clock().getTime() - Date.parse(fetchedAt) < ttlMs;

  function cachedCoin(cgId: string): CurrentPrice | undefined {
    const usd = prices.latest(`cg:${cgId}`, 'usd', sourceName);
    const chf = prices.latest(`cg:${cgId}`, 'chf', sourceName);
    if (!usd || !chf) return undefined;
    return { usd: usd.price, chf: chf.price, asOf: usd.fetchedAt, stale: !isFresh(usd.fetchedAt), source: 'CoinGecko' };
  }

  /** An on-chain token (`evm:<chainId>:<contract>`, `solana:<mint>`), cached under its own id. */
  function cachedToken(assetId: string): CurrentPrice | undefined {
    const usd = prices.latest(assetId, 'usd', sourceName);
    const chf = prices.latest(assetId, 'chf', sourceName);
    if (!usd || !chf) return undefined;
    return { usd: usd.price, chf: chf.price, asOf: usd.fetchedAt, stale: !isFresh(usd.fetchedAt), source: 'CoinGecko' };
  }

  /** Token prices by platform and contract; ids on chains CoinGecko has no platform for stay unpriced. */
  async function refreshTokens(assetIds: string[]): Promise<void> {
    const tokenPrice = source.tokenPrice?.bind(source);
    if (!tokenPrice) return;
    const due = assetIds.filter((id) => !isFresh(prices.latest(id, 'usd', sourceName)?.fetchedAt));
    // platform → contract → asset id (`evm:<chainId>:<contract>` or `solana:<mint>`).
    const byPlatform = new Map<string, Map<string, string>>();
    const add = (platform: string, contract: string, assetId: string) =>
      byPlatform.set(platform, (byPlatform.get(platform) ?? new Map()).set(contract, assetId));
    for (const id of due) {
      const token = tokenPlatformOf(id);
      if (token) add(token.platform, token.contract, id);
    }
    for (const [platform, assetIds] of byPlatform) {
      const result = await tokenPrice(platform, [...assetIds.keys()], [...QUOTES]);
      const at = clock().toISOString();
      const rows = [];
      for (const [contract, quote] of result) {
        const assetId = assetIds.get(contract);
        if (assetId === undefined) continue;
        for (const q of QUOTES) {
          const price = quote.prices[q];
          if (price !== undefined) rows.push({ assetId, quote: q, source: sourceName, at, price: toDecimalString(price), fetchedAt: at });
        }
      }
      prices.upsert(rows);
    }
  }

  /** CoinGecko's intraday rate (BTC-relative, cached); USD in its own terms is 1. */
  function coinGeckoFiat(code: string): CurrentPrice | undefined {
    const chf = fxRates.latest(code, 'CHF', fxSource);
    const usd = code === 'USD' ? (chf ? { rate: '1', fetchedAt: chf.fetchedAt } : undefined) : fxRates.latest(code, 'USD', fxSource);
    if (!usd || !chf) return undefined;
    const stale = !isFresh(usd.fetchedAt);
    return { usd: usd.rate, chf: chf.rate, asOf: usd.fetchedAt, stale, source: 'CoinGecko', fx: { source: 'CoinGecko', asOf: usd.fetchedAt, stale } };
  }

  /** The ECB's reference rate of the newest stored day (cross rates through the euro). */
  function ecbFiat(code: string): CurrentPrice | undefined {
    const rate = options.referenceRates?.dualRate(code);
    if (!rate) return undefined;
    return { usd: rate.usd, chf: rate.chf, asOf: rate.fetchedAt, stale: rate.stale, source: 'ECB', fx: { source: 'ECB', asOf: rate.day, stale: rate.stale } };
  }

  /**
   * One unit of a fiat currency: the ECB's reference rate while it is current; CoinGecko's
   * intraday rate for a currency the ECB does not publish or while the ECB's rates are stale;
   * the last known of either, marked stale, when neither is current.
   */
  function cachedFiat(code: string): CurrentPrice | undefined {
    const ecb = ecbFiat(code);
    if (ecb && !ecb.stale) return ecb;
    const intraday = coinGeckoFiat(code);
    if (intraday && (!intraday.stale || !ecb)) return intraday;
    return ecb ?? intraday;
  }

  /**
   * A fund or share with no market price: the newest price a statement stated for it (the
   * NAV on a 3a report), converted through the cached FX rate of its currency. Without that
   * rate it stays unpriced rather than guessed.
   */
  function statementPrice(assetId: string): CurrentPrice | undefined {
    for (const quote of STATEMENT_QUOTES) {
      let stated: ReturnType<typeof prices.latest> | undefined;
      for (const source of statementSources) {
        stated = prices.latest(assetId, quote, source);
        if (stated) break;
      }
      if (!stated) continue;
      const code = quote.toUpperCase();
      const fx = cachedFiat(code);
      if (!fx) return undefined;
      const usd = code === 'USD' ? dec(stated.price) : dec(stated.price).mul(fx.usd);
      const chf = code === 'CHF' ? dec(stated.price) : dec(stated.price).mul(fx.chf);
      return {
        usd: toDecimalString(usd),
        chf: toDecimalString(chf),
        asOf: stated.at,
        stale: fx.stale,
        source: STATEMENT_SOURCE,
        ...(fx.fx ? { fx: fx.fx } : {}),
      };
    }
    return undefined;
  }

  const marketSourceName = options.marketSourceName ?? 'yahoo';

  /** Each provider of the market chain with the source name its prices are cached under. */
  const marketProviders = (options.market?.providers ?? []).map((p, index) => ({
    ...p,
    source: index === 0 ? marketSourceName : `${marketSourceName}:${p.id}`,
    ttlMs: index === 0 ? ttlMs : Math.max(ttlMs, FALLBACK_TTL_MS),
  }));
  const marketProviderById = new Map(marketProviders.map((p) => [p.id, p]));

  /** Some provider of the chain priced the asset recently enough that asking again is not due. */
  function marketFresh(assetId: string): boolean {
    return marketProviders.some((p) => {
      const fetchedAt = prices.latest(assetId, 'usd', p.source)?.fetchedAt;
      return !!fetchedAt && clock().getTime() - Date.parse(fetchedAt) < p.ttlMs;
    });
  }

  /**
   * A share's or fund's market price, stored in USD and CHF at the FX of its fetch: the
   * newest quote of any provider of the chain (`asOf` is when it traded), named after it.
   */
  function cachedMarket(assetId: string): CurrentPrice | undefined {
    let best: CurrentPrice | undefined;
    for (const p of marketProviders) {
      const usd = prices.latest(assetId, 'usd', p.source);
      const chf = prices.latest(assetId, 'chf', p.source);
      if (!usd || !chf) continue;
      if (best && Date.parse(best.asOf) >= Date.parse(usd.at)) continue;
      best = { usd: usd.price, chf: chf.price, asOf: usd.at, stale: false, source: p.name };
    }
    return best ? { ...best, stale: !marketFresh(assetId) } : undefined;
  }

  /** Market price or statement NAV, whichever is newer (a NAV stated after the last trade we saw wins). */
  function marketOrStatement(assetId: string): CurrentPrice | undefined {
    const market = cachedMarket(assetId);
    const statement = statementPrice(assetId);
    if (market && statement) return Date.parse(market.asOf) >= Date.parse(statement.asOf) ? market : statement;
    return market ?? statement;
  }

  /**
   * Quotes shares and funds older than the TTL in their listing's currency and stores them
   * in USD and CHF through the FX the service already has (exact decimal products). A quote
   * whose currency has no rate is not stored: unpriced rather than guessed.
   */
  async function refreshMarket(assetIds: string[]): Promise<void> {
    const market = options.market;
    if (!market) return;
    const due = market.candidates(assetIds).filter((id) => !marketFresh(id));
    if (due.length === 0) return;
    const quotes = await market.quotes(due);
    if (quotes.size === 0) return;
    await refreshFiat([...new Set([...quotes.values()].map((q) => q.currency))]);
    const fetchedAt = clock().toISOString();
    const rows = [];
    for (const [assetId, q] of quotes) {
      const fx = cachedFiat(q.currency);
      if (!fx) {
        log.warn({ assetId, currency: q.currency }, 'no FX rate for a market price; the asset stays unpriced by the market');
        continue;
      }
      const usd = q.currency === 'USD' ? dec(q.price) : dec(q.price).mul(fx.usd);
      const chf = q.currency === 'CHF' ? dec(q.price) : dec(q.price).mul(fx.chf);
      const source = marketProviderById.get(q.provider)?.source ?? marketSourceName;
      rows.push({ assetId, quote: 'usd', source, at: q.at, price: toDecimalString(usd), fetchedAt });
      rows.push({ assetId, quote: 'chf', source, at: q.at, price: toDecimalString(chf), fetchedAt });
    }
    prices.upsert(rows);
  }

  async function refreshCoins(cgIds: string[]): Promise<void> {
    const due = cgIds.filter((id) => !isFresh(prices.latest(`cg:${id}`, 'usd', sourceName)?.fetchedAt));
    if (due.length === 0) return;
    const result = await source.simplePrice(due, [...QUOTES]);
    const at = clock().toISOString();
    const rows = [];
    for (const [id, quote] of result) {
      for (const q of QUOTES) {
        const price = quote.prices[q];
        if (price !== undefined) rows.push({ assetId: `cg:${id}`, quote: q, source: sourceName, at, price: toDecimalString(price), fetchedAt: at });
      }
    }
    prices.upsert(rows);
  }

  async function refreshFiat(codes: string[]): Promise<void> {
    const ecb = options.referenceRates;
    if (ecb) {
      // The ECB first: an outage there is not a failed refresh while CoinGecko can stand in.
      await ecb.refresh(codes.filter((c) => ecb.publishes(c))).catch(() => undefined);
    }
    // CoinGecko only for what the ECB does not cover now (or ever).
    const intraday = codes.filter((c) => {
      const reference = ecbFiat(c);
      return !reference || reference.stale;
    });
    const due = intraday.filter((c) => !isFresh(fxRates.latest(c, c === 'USD' ? 'CHF' : 'USD', fxSource)?.fetchedAt));
    if (due.length === 0) return;
    const rates = await source.exchangeRates();
    const perBtc = (code: string) => {
      const r = rates[code.toLowerCase()];
      return r ? dec(r.value) : undefined;
    };
    const usdPerBtc = perBtc('USD');
    const chfPerBtc = perBtc('CHF');
    if (!usdPerBtc || !chfPerBtc) return;
    const at = clock().toISOString();
    const rows = [];
    for (const code of due) {
      const codePerBtc = code === 'USD' ? usdPerBtc : perBtc(code);
      if (!codePerBtc || codePerBtc.isZero()) continue;
      // One unit of `code` buys usdPerBtc / codePerBtc USD. Division is the one place a
      // decimal can need rounding: 28 significant digits are far below any display.
      rows.push({ base: code, quote: 'USD', source: fxSource, at, rate: toDecimalString(usdPerBtc.div(codePerBtc).toSignificantDigits(28)), fetchedAt: at });
      rows.push({ base: code, quote: 'CHF', source: fxSource, at, rate: toDecimalString(chfPerBtc.div(codePerBtc).toSignificantDigits(28)), fetchedAt: at });
    }
    fxRates.upsert(rows);
  }

  return {
    sourceName,
    historySource: historySourceWithMarket(options.historySource, options.market),
    referenceRates: options.referenceRates ?? null,
    /** Where statements' prices are read from (history values unlisted funds by them too). */
    statementSources,

    /** Fetches what is older than the TTL. Errors are logged and returned; the cache stays. */
    async refresh(assetIds: Iterable<string>): Promise<{ ok: boolean; error?: unknown }> {
      const ids = [...new Set(assetIds)];
      const cgIds = ids.filter((id) => id.startsWith('cg:')).map((id) => id.slice(3));
      const fiat = ids.filter((id) => id.startsWith('fiat:')).map((id) => id.slice(5));
      const tokens = ids.filter((id) => id.startsWith('evm:') || id.startsWith('solana:'));
      try {
        if (cgIds.length > 0) await refreshCoins(cgIds);
        // The ECB's USD and CHF rates are kept even without fiat held: past days of the curve convert with them.
        if (fiat.length > 0 || options.referenceRates) await refreshFiat(fiat);
        if (tokens.length > 0) await refreshTokens(tokens);
        await refreshMarket(ids);
        return { ok: true };
      } catch (error) {
        log.warn({ err: isBaseError(error) ? error.shortMessage : String(error) }, 'price refresh failed; keeping the last known prices');
        return { ok: false, error };
      }
    },

    /** Current prices from the cache only. Assets absent from the result are unpriced. */
    current(assetIds: Iterable<string>): Map<string, CurrentPrice> {
      const out = new Map<string, CurrentPrice>();
      for (const id of new Set(assetIds)) {
        let price: CurrentPrice | undefined;
        if (id.startsWith('cg:')) price = cachedCoin(id.slice(3));
        else if (id.startsWith('fiat:')) price = cachedFiat(id.slice(5));
        else if (id.startsWith('evm:') || id.startsWith('solana:')) price = cachedToken(id);
        else price = marketOrStatement(id);
        if (price) out.set(id, price);
      }
      return out;
    },
  };
}

/** The backfill's source: CoinGecko's closes for coins plus, when configured, Yahoo's for shares and funds. */
function historySourceWithMarket(history: HistoricalPriceSource | undefined, market: MarketPriceSource | undefined): HistoricalPriceSource | null {
  if (!history) return null;
  if (!market) return history;
  return {
    marketChartRange: history.marketChartRange.bind(history),
    ...(history.contractMarketChartRange ? { contractMarketChartRange: history.contractMarketChartRange.bind(history) } : {}),
    // Read through: the client learns its plan's limit from CoinGecko's first refusal.
    get historyDays() {
      return history.historyDays ?? null;
    },
    market,
  };
}

export type PriceService = ReturnType<typeof createPriceService>;
