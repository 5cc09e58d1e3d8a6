import { ValidationError } from '@omnifolio/shared/errors';
import {
  type CoinGeckoErrorContext,
  type CoinGeckoPlan,
  errorForBody,
  errorForStatus,
  errorForTransport,
  FREE_PLAN_HISTORY_DAYS,
  HistoryBeyondPlanError,
} from './coingecko-errors.js';
import { type DailyClose, readMarketChartDailyCloses } from './coingecko-market-chart.js';
import { type ExchangeRate, parseLosslessJson, readExchangeRates, readSimplePrice, type SimplePriceQuote, UnreadableBodyError } from './coingecko-responses.js';

export { type CoinGeckoPlan, FREE_PLAN_HISTORY_DAYS, HistoryBeyondPlanError } from './coingecko-errors.js';
export type { ExchangeRate, ExchangeRateType, SimplePriceQuote } from './coingecko-responses.js';

/**
 * A small client for the two CoinGecko endpoints the pricing service needs: current prices
 * of coins (`/simple/price`) and BTC-relative rates of fiat currencies (`/exchange_rates`,
 * used to value USD/EUR/CHF balances held on exchanges).
 *
 * It does not retry, cache or pace requests: the pricing service and the sync runner do
 * that, guided by the error kinds thrown here (RateLimitedError carries CoinGecko's wait).
 */

export const COINGECKO_BASE_URLS = {
  public: 'https://api.coingecko.com/api/v3',
  demo: 'https://api.coingecko.com/api/v3',
  pro: 'https://pro-api.coingecko.com/api/v3',
} as const satisfies Record<CoinGeckoPlan, string>;

/** CoinGecko's two key headers; a key sent in the wrong one is refused with 10010/10011. */
export const COINGECKO_KEY_HEADERS = {
  demo: 'x-cg-demo-api-key',
  pro: 'x-cg-pro-api-key',
} as const;

/** CoinGecko limits URL length; 250 ids per request stays well inside it for real ids. */
export const MAX_IDS_PER_REQUEST = 250;
/** Contract addresses per `/simple/token_price` request: 100 × 43 characters keeps the URL short. */
export const MAX_CONTRACTS_PER_REQUEST = 100;
/**
 * A second bound for unusually long ids, on the encoded `ids` parameter: servers and CDNs
 * commonly refuse request lines over 8 KiB, and the rest of the URL needs room too.
 */
const MAX_IDS_PARAM_CHARS = 7_000;

const DEFAULT_TIMEOUT_MS = 15_000;

export interface CreateCoinGeckoClientParameters {
  plan: CoinGeckoPlan;
  /** Required for `demo` and `pro`; sent only in a header, never in the URL. */
  apiKey?: string;
  /** Overrides the plan's base URL (simulators, proxies). Must end in `/api/v3`. */
  baseUrl?: string;
  fetch?: typeof globalThis.fetch;
  /** Aborts every request of this client (companion shutdown). */
  signal?: AbortSignal;
  /** Per request, covering headers and body. Default 15 s. */
  timeoutMs?: number;
  /** Clock for Retry-After dates, epoch ms. */
  now?: () => number;
}

export interface CoinGeckoRequestOptions {
  /** Aborts this call only. An abort is rethrown as is, not turned into a provider error. */
  signal?: AbortSignal;
}

/** coin id → its prices; ids CoinGecko does not know are absent. */
export type SimplePriceReturnType = Map<string, SimplePriceQuote>;
/** lowercase code (`usd`, `chf`, `btc`, `xau`) → rate against 1 BTC. */
export type ExchangeRatesReturnType = Record<string, ExchangeRate>;

export interface CoinGeckoClient {
  readonly plan: CoinGeckoPlan;
  readonly baseUrl: string;
  /**
   * Days of history CoinGecko is known to answer this client: `FREE_PLAN_HISTORY_DAYS` on
   * CoinGecko's own host without a paid plan; null when not known (a pro key, whose tiers
   * differ, or another base URL: a proxy or a simulator may answer more). Learned from the
   * first refusal (`HistoryBeyondPlanError`): from then on, `FREE_PLAN_HISTORY_DAYS`, which
   * every plan answers.
   */
  readonly historyDays: number | null;
  /** Checks that CoinGecko answers and accepts the key. */
  ping(options?: CoinGeckoRequestOptions): Promise<void>;
  /**
   * Current prices of `ids` in each of `vsCurrencies`, at full precision. Ids are sent in
   * batches of at most 250, one request after the other. Vs currency codes are lowercased,
   * as CoinGecko keys them.
   */
  simplePrice(ids: readonly string[], vsCurrencies: readonly string[], options?: CoinGeckoRequestOptions): Promise<SimplePriceReturnType>;
  /** BTC-relative exchange rates for fiat, crypto and commodity codes. */
  exchangeRates(options?: CoinGeckoRequestOptions): Promise<ExchangeRatesReturnType>;
  /**
   * Current prices of tokens on one asset platform (`ethereum`, `arbitrum-one`, …) by
   * contract address (`/simple/token_price/{platform}`), keyed by the address as given.
   * Contracts CoinGecko does not list are absent. Batches of at most 100 contracts.
   */
  tokenPrice(
    platform: string,
    contracts: readonly string[],
    vsCurrencies: readonly string[],
    options?: CoinGeckoRequestOptions,
  ): Promise<SimplePriceReturnType>;
  /**
   * Daily closes of one coin in one vs currency between two instants (Unix seconds), for
   * backfilling history. See coingecko-market-chart.ts for how points become closes.
   */
  marketChartRange(id: string, vsCurrency: string, fromSeconds: number, toSeconds: number, options?: CoinGeckoRequestOptions): Promise<DailyClose[]>;
  /**
   * The same for a token known by its contract on an asset platform
   * (`/coins/{platform}/contract/{contract}/market_chart/range`): a wallet's ERC-20 or SPL
   * token has no coin id of its own here, only its contract.
   */
  contractMarketChartRange(
    platform: string,
    contract: string,
    vsCurrency: string,
    fromSeconds: number,
    toSeconds: number,
    options?: CoinGeckoRequestOptions,
  ): Promise<DailyClose[]>;
}

export function createCoinGeckoClient(parameters: CreateCoinGeckoClientParameters): CoinGeckoClient {
  const { plan } = parameters;
  const apiKey = parameters.apiKey?.trim() || undefined;
  if (plan !== 'public' && !apiKey) {
    throw new ValidationError(`The CoinGecko ${plan} plan needs an API key.`, [{ path: 'apiKey', message: 'Required' }], {
      hints: ['Enter the key from the CoinGecko developer dashboard, or choose the public plan to use CoinGecko without a key.'],
    });
  }
  if (plan === 'public' && apiKey) {
    throw new ValidationError('A CoinGecko API key was given with the public plan.', [{ path: 'plan', message: 'Choose demo or pro for a key' }], {
      hints: ['Choose the "demo" plan for a free key or "pro" for a paid one, so the key is sent where CoinGecko expects it.'],
    });
  }

  const baseUrl = (parameters.baseUrl ?? COINGECKO_BASE_URLS[plan]).replace(/\/+$/, '');
  const fetchFn = parameters.fetch ?? globalThis.fetch;
  const timeoutMs = parameters.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const now = parameters.now ?? Date.now;
  const headers: Record<string, string> = { accept: 'application/json' };
  if (apiKey && plan !== 'public') headers[COINGECKO_KEY_HEADERS[plan]] = apiKey;
  let historyDays: number | null = plan !== 'pro' && parameters.baseUrl === undefined ? FREE_PLAN_HISTORY_DAYS : null;

  async function getJson(endpoint: string, query: string, options: CoinGeckoRequestOptions | undefined): Promise<{ body: unknown; text: string }> {
    const ctx = (): CoinGeckoErrorContext => ({ plan, apiKey, endpoint, nowMs: now() });
    const timeout = AbortSignal.timeout(timeoutMs);
    const callerSignals = [parameters.signal, options?.signal].filter((s): s is AbortSignal => s !== undefined);
    const signal = AbortSignal.any([timeout, ...callerSignals]);
    const url = `${baseUrl}${endpoint}${query ? `?${query}` : ''}`;

    let response: Response;
    let text: string;
    try {
      response = await fetchFn(url, { headers, signal });
      // Read the body under the same signal: a server can stall after the headers.
      text = await response.text();
    } catch (error) {
      const aborted = callerSignals.find((s) => s.aborted);
      if (aborted) throw aborted.reason;
      throw errorForTransport(error, timeout.aborted, timeoutMs, ctx());
    }

    if (!response.ok) {
      const error = errorForStatus(response.status, response.headers, text, ctx());
      if (error instanceof HistoryBeyondPlanError) historyDays ??= FREE_PLAN_HISTORY_DAYS;
      throw error;
    }
    try {
      return { body: parseLosslessJson(text), text };
    } catch (error) {
      if (error instanceof UnreadableBodyError) throw errorForBody(error.message, text, ctx());
      throw error;
    }
  }

  /** Runs a reader over a body, turning shape problems into UnavailableError. */
  function read<T>(endpoint: string, result: { body: unknown; text: string }, reader: (body: unknown) => T): T {
    try {
      return reader(result.body);
    } catch (error) {
      if (error instanceof UnreadableBodyError) throw errorForBody(error.message, result.text, { plan, apiKey, endpoint, nowMs: now() });
      throw error;
    }
  }

  return {
    plan,
    baseUrl,
    get historyDays() {
      return historyDays;
    },

    async ping(options) {
      await getJson('/ping', '', options);
    },

    async simplePrice(ids, vsCurrencies, options) {
      const uniqueIds = [...new Set(ids.map((id) => id.trim()).filter((id) => id !== ''))];
      const vs = [...new Set(vsCurrencies.map((v) => v.trim().toLowerCase()).filter((v) => v !== ''))];
      const out: SimplePriceReturnType = new Map();
      if (uniqueIds.length === 0 || vs.length === 0) return out;

      for (const batch of batchIds(uniqueIds)) {
        // Commas stay literal: CoinGecko documents comma-separated lists, and %2C would
        // triple the length that its URL limit counts.
        const query = [
          `ids=${batch.map(encodeURIComponent).join(',')}`,
          `vs_currencies=${vs.map(encodeURIComponent).join(',')}`,
          'precision=full',
          'include_last_updated_at=true',
        ].join('&');
        const result = await getJson('/simple/price', query, options);
        const quotes = read('/simple/price', result, (body) => readSimplePrice(body, batch, vs));
        for (const [id, quote] of quotes) out.set(id, quote);
      }
      return out;
    },

    async exchangeRates(options) {
      const result = await getJson('/exchange_rates', '', options);
      return read('/exchange_rates', result, readExchangeRates);
    },

    async tokenPrice(platform, contracts, vsCurrencies, options) {
      // EVM contracts are hex (any case); Solana mints are base58, where case matters. CoinGecko
      // keys its answer by lowercase address, so answers are matched without regard to case
      // and returned under the address as the caller gave it.
      const unique = [...new Set(contracts.map((c) => c.trim()).filter((c) => c !== ''))];
      const vs = [...new Set(vsCurrencies.map((v) => v.trim().toLowerCase()).filter((v) => v !== ''))];
      const out: SimplePriceReturnType = new Map();
      if (unique.length === 0 || vs.length === 0) return out;
      const endpoint = `/simple/token_price/${encodeURIComponent(platform)}`;
      for (const batch of batchIds(unique, MAX_CONTRACTS_PER_REQUEST)) {
        const query = [
          `contract_addresses=${batch.join(',')}`,
          `vs_currencies=${vs.map(encodeURIComponent).join(',')}`,
          'precision=full',
          'include_last_updated_at=true',
        ].join('&');
        const result = await getJson(endpoint, query, options);
        const body =
          result.body !== null && typeof result.body === 'object' && !Array.isArray(result.body)
            ? Object.fromEntries(Object.entries(result.body).map(([k, v]) => [k.toLowerCase(), v]))
            : result.body;
        const quotes = read(endpoint, { ...result, body }, (b) =>
          readSimplePrice(
            b,
            batch.map((c) => c.toLowerCase()),
            vs,
          ),
        );
        for (const contract of batch) {
          const quote = quotes.get(contract.toLowerCase());
          if (quote) out.set(contract, quote);
        }
      }
      return out;
    },

    marketChartRange(id, vsCurrency, fromSeconds, toSeconds, options) {
      return chartRange(`/coins/${encodeURIComponent(id)}/market_chart/range`, vsCurrency, fromSeconds, toSeconds, options);
    },

    contractMarketChartRange(platform, contract, vsCurrency, fromSeconds, toSeconds, options) {
      const endpoint = `/coins/${encodeURIComponent(platform)}/contract/${encodeURIComponent(contract.trim())}/market_chart/range`;
      return chartRange(endpoint, vsCurrency, fromSeconds, toSeconds, options);
    },
  };

  async function chartRange(endpoint: string, vsCurrency: string, fromSeconds: number, toSeconds: number, options: CoinGeckoRequestOptions | undefined) {
    const query = [
      `vs_currency=${encodeURIComponent(vsCurrency.toLowerCase())}`,
      `from=${Math.floor(fromSeconds)}`,
      `to=${Math.ceil(toSeconds)}`,
      // Daily points (00:00 UTC) whatever the range's length: left to CoinGecko, a range of up
      // to 90 days comes hourly, and a day's close would then be its 23:00 price, not the one
      // a longer range gives. The same close whichever range it was asked in is what lets
      // the last week be asked again and a change be read as a correction.
      'interval=daily',
      'precision=full',
    ].join('&');
    const result = await getJson(endpoint, query, options);
    return read(endpoint, result, readMarketChartDailyCloses);
  }
}

/** Splits ids into batches bounded by count and by the encoded length of the `ids` parameter. */
export function batchIds(ids: readonly string[], maxIds = MAX_IDS_PER_REQUEST, maxChars = MAX_IDS_PARAM_CHARS): string[][] {
  const batches: string[][] = [];
  let current: string[] = [];
  let chars = 0;
  for (const id of ids) {
    const cost = encodeURIComponent(id).length + 1;
    if (current.length > 0 && (current.length >= maxIds || chars + cost > maxChars)) {
      batches.push(current);
      current = [];
      chars = 0;
    }
    current.push(id);
    chars += cost;
  }
  if (current.length > 0) batches.push(current);
  return batches;
}
