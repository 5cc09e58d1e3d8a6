import type { AddressInfo } from 'node:net';
import { type ServerType, serve } from '@hono/node-server';
import { type DecimalString, dec } from '@omnifolio/shared/money';
import { type Context, Hono } from 'hono';
import { LosslessNumber, stringify } from 'lossless-json';
import { type CoinGeckoData, loadDemoPrices } from './demo-prices.js';

/**
 * A local stand-in for CoinGecko's API v3: `/ping`, `/simple/price`, `/simple/token_price`
 * and `/exchange_rates`,
 * with CoinGecko's response shapes, its key headers, a per-minute rate limit and scripted
 * faults. It listens on 127.0.0.1 only, on a port the OS picks.
 *
 * Prices are kept as decimal strings and written as JSON number literals through
 * lossless-json, so the simulator sends exactly the digits in its table, like CoinGecko's
 * `precision=full`, and never rounds through a float.
 *
 * What it does not model: CoinGecko's rounding when `precision` is absent (it answers with
 * full digits then; our client always asks for `precision=full`), the `names`/`symbols`
 * parameters, market-cap/volume/change fields, and monthly call credits.
 */

export type CoinGeckoSimulatorPlan = 'demo' | 'pro';

export interface CoinGeckoSimulatorOptions {
  /** The price table; defaults to `demo-prices.json`. */
  data?: CoinGeckoData;
  /** When set, every request must carry this key in the plan's header or query parameter. */
  apiKey?: string;
  /** Which host this simulates when a key is set: demo (api.coingecko.com) or pro (pro-api). Default demo. */
  plan?: CoinGeckoSimulatorPlan;
  /** Requests allowed per minute before 429. Default 30; `Infinity` turns the limit off. */
  rateLimitPerMinute?: number;
  /** Clock for the rate-limit window, in epoch ms; tests pass a fake one. */
  now?: () => number;
  /**
   * Daily USD closes per coin id for `/coins/{id}/market_chart/range`, in time order
   * (`demo/demo-price-history.ts` builds the demo's). Other vs currencies are derived
   * through the BTC-relative exchange rates, as CoinGecko's own conversions are. A range of
   * up to 90 days asked without `interval=daily` is answered hourly, as CoinGecko does
   * (`hourlyPoints`).
   */
  history?: ReadonlyMap<string, readonly CoinGeckoHistoryPoint[]>;
  /**
   * The coin each token contract is, per asset platform (`ethereum` → lowercase contract →
   * `usd-coin`), for `/coins/{platform}/contract/{contract}/market_chart/range`: CoinGecko
   * answers a contract's chart with its coin's, so the same `history` serves both.
   */
  contractCoins?: Readonly<Record<string, Readonly<Record<string, string>>>>;
  /**
   * When set, a chart range starting more than this many days before `now` is refused as
   * CoinGecko refuses it on the keyless and demo plans (365 days): 401, error 10012.
   */
  historyDays?: number;
}

/** One daily point: the price at `atMs` (00:00 UTC of a day), a decimal string in USD. */
export interface CoinGeckoHistoryPoint {
  atMs: number;
  usd: DecimalString;
}

/** A scripted fault for the next request(s), whatever their path. */
export type CoinGeckoFault =
  | { kind: 'status'; status: 500 | 502 | 503 | 504 }
  /** `retryAfter` is sent verbatim as the Retry-After header (seconds or an HTTP date); omit it to send none. */
  | { kind: 'rate-limited'; retryAfter?: string }
  /** 200 with a JSON body cut off in the middle. */
  | { kind: 'malformed' }
  /** Never answers; the request is released when the simulator stops. */
  | { kind: 'timeout' };

export interface CoinGeckoSimulatorRequest {
  method: string;
  /** Path below the host, e.g. `/api/v3/simple/price`. */
  path: string;
  query: Record<string, string>;
  /** Request headers, lowercase names. */
  headers: Record<string, string>;
  /** What the simulator answered; `null` for a request held by a timeout fault. */
  status: number | null;
  fault?: CoinGeckoFault['kind'];
}

export interface CoinGeckoSimulator {
  /** Starts listening and returns the base URL to give the client, ending in `/api/v3`. */
  start(): Promise<string>;
  /** Stops listening and drops open connections, including requests held by a timeout fault. */
  stop(): Promise<void>;
  /** The base URL once started. */
  readonly baseUrl: string;
  /** Every request received, in order. */
  readonly requests: readonly CoinGeckoSimulatorRequest[];
  /** Makes the next `times` requests fail with `fault`. Faults queue in order. */
  injectFault(fault: CoinGeckoFault, times?: number): void;
  /** Sets (or adds) one price; `price` is a decimal string. */
  setPrice(coinId: string, vsCurrency: string, price: DecimalString): void;
  /** Replaces one coin's daily history: a close CoinGecko corrected, a day it added. */
  setHistory(coinId: string, points: readonly CoinGeckoHistoryPoint[]): void;
  /** Forgets the request log and the rate-limit window. */
  reset(): void;
}

const KEY_HEADERS = { demo: 'x-cg-demo-api-key', pro: 'x-cg-pro-api-key' } as const;
const KEY_PARAMS = { demo: 'x_cg_demo_api_key', pro: 'x_cg_pro_api_key' } as const;
const MINUTE_MS = 60_000;
const HOUR_MS = 3_600_000;
/** Ranges longer than this are answered daily without `interval=daily` too. */
const AUTO_DAILY_ABOVE_S = 90 * 86_400;
/**
 * How far past the hour CoinGecko's hourly points fall (its documented example starts at
 * 1704067241331, 00:00:41.331 UTC): the first point of a day is not at midnight, so the day
 * before ends with its 23:00 point, not with the daily close.
 */
const HOURLY_OFFSET_MS = 41_331;

const RATE_LIMIT_BODY = {
  status: {
    error_code: 429,
    error_message:
      "You've exceeded the Rate Limit. Please visit https://www.coingecko.com/en/api/pricing to subscribe to our API plans for higher rate limits.",
  },
};

export function createCoinGeckoSimulator(options: CoinGeckoSimulatorOptions = {}): CoinGeckoSimulator {
  const data: CoinGeckoData = structuredClone(options.data ?? loadDemoPrices());
  const plan = options.plan ?? 'demo';
  const limitPerMinute = options.rateLimitPerMinute ?? 30;
  const now = options.now ?? Date.now;

  const history = new Map(options.history);
  const requests: CoinGeckoSimulatorRequest[] = [];
  const faults: CoinGeckoFault[] = [];
  const heldRequests = new Set<() => void>();
  let windowStartMs: number | undefined;
  let windowCount = 0;
  let server: ServerType | undefined;
  let baseUrl = '';

  const app = new Hono();

  app.use('*', async (c, next) => {
    const url = new URL(c.req.url);
    const record: CoinGeckoSimulatorRequest = {
      method: c.req.method,
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      headers: c.req.header(),
      status: null,
    };
    requests.push(record);

    const fault = faults.shift();
    if (fault) {
      record.fault = fault.kind;
      const response = await answerFault(c, fault);
      record.status = response?.status ?? null;
      return response ?? c.body(null);
    }

    const refusal = checkKey(c, url) ?? checkRateLimit(c);
    if (refusal) {
      record.status = refusal.status;
      return refusal;
    }
    await next();
    record.status = c.res.status;
  });

  app.get('/api/v3/ping', (c) => c.json({ gecko_says: '(V3) To the Moon!' }));

  app.get('/api/v3/simple/price', (c) => {
    const ids = splitList(c.req.query('ids'));
    const vsCurrencies = splitList(c.req.query('vs_currencies')).map((v) => v.toLowerCase());
    if (ids.length === 0) return c.json({ error: 'Missing parameter ids' }, 400);
    if (vsCurrencies.length === 0) return c.json({ error: 'Missing parameter vs_currencies' }, 400);
    const decimals = parsePrecision(c.req.query('precision'));
    const withUpdatedAt = c.req.query('include_last_updated_at') === 'true';

    const body: Record<string, Record<string, LosslessNumber>> = {};
    for (const id of ids) {
      const table = data.prices[id];
      // CoinGecko leaves unknown ids out of the answer rather than failing the request.
      if (!table) continue;
      const entry: Record<string, LosslessNumber> = {};
      for (const vs of vsCurrencies) {
        const price = table[vs];
        if (price === undefined) continue;
        const digits = decimals === undefined ? price : dec(price).toDecimalPlaces(decimals).toFixed();
        entry[vs] = new LosslessNumber(digits);
      }
      if (withUpdatedAt) entry.last_updated_at = new LosslessNumber(String(data.lastUpdatedAt));
      body[id] = entry;
    }
    return jsonLiteral(c, body);
  });

  // Same shape as /simple/price, keyed by lowercase contract; unknown platforms are 404
  // and unknown contracts left out, as CoinGecko answers.
  app.get('/api/v3/simple/token_price/:platform', (c) => {
    const table = data.tokenPrices?.[c.req.param('platform')];
    if (!table) return c.json({ error: 'asset platform not found' }, 404);
    const contracts = splitList(c.req.query('contract_addresses')).map((a) => a.toLowerCase());
    const vsCurrencies = splitList(c.req.query('vs_currencies')).map((v) => v.toLowerCase());
    if (contracts.length === 0) return c.json({ error: 'Missing parameter contract_addresses' }, 400);
    if (vsCurrencies.length === 0) return c.json({ error: 'Missing parameter vs_currencies' }, 400);
    const decimals = parsePrecision(c.req.query('precision'));
    const withUpdatedAt = c.req.query('include_last_updated_at') === 'true';
    const body: Record<string, Record<string, LosslessNumber>> = {};
    for (const contract of contracts) {
      const prices = table[contract];
      if (!prices) continue;
      const entry: Record<string, LosslessNumber> = {};
      for (const vs of vsCurrencies) {
        const price = prices[vs];
        if (price === undefined) continue;
        entry[vs] = new LosslessNumber(decimals === undefined ? price : dec(price).toDecimalPlaces(decimals).toFixed());
      }
      if (withUpdatedAt) entry.last_updated_at = new LosslessNumber(String(data.lastUpdatedAt));
      body[contract] = entry;
    }
    return jsonLiteral(c, body);
  });

  app.get('/api/v3/exchange_rates', (c) => {
    const rates: Record<string, { name: string; unit: string; value: LosslessNumber; type: string }> = {};
    for (const [code, rate] of Object.entries(data.exchangeRates)) {
      rates[code] = { name: rate.name, unit: rate.unit, value: new LosslessNumber(rate.value), type: rate.type };
    }
    return jsonLiteral(c, { rates });
  });

  // Daily points with `interval=daily` or over more than 90 days, hourly points otherwise
  // (CoinGecko's auto granularity). A range with no data is an empty list, as CoinGecko
  // answers for a coin that did not trade yet; an unknown coin is 404.
  app.get('/api/v3/coins/:id/market_chart/range', (c) => chart(c, c.req.param('id')));
  // A token's chart by its contract: the chart of the coin the contract is.
  app.get('/api/v3/coins/:platform/contract/:contract/market_chart/range', (c) =>
    chart(c, options.contractCoins?.[c.req.param('platform')]?.[c.req.param('contract').toLowerCase()]),
  );

  function chart(c: Context, id: string | undefined) {
    const vs = (c.req.query('vs_currency') ?? '').toLowerCase();
    const from = Number(c.req.query('from'));
    const to = Number(c.req.query('to'));
    if (!vs) return c.json({ error: 'Missing parameter vs_currency' }, 400);
    if (!Number.isFinite(from) || !Number.isFinite(to)) return c.json({ error: 'Missing parameter from or to' }, 400);
    if (options.historyDays !== undefined && from * 1000 < now() - options.historyDays * 86_400_000) {
      return c.json(
        {
          error: {
            status: {
              timestamp: new Date(now()).toISOString(),
              error_code: 10012,
              error_message: `Your request exceeds the allowed time range. Public API users are limited to querying historical data within the past ${options.historyDays} days. Upgrade to a paid plan to enjoy full historical data access: https://www.coingecko.com/en/api/pricing. `,
            },
          },
        },
        401,
      );
    }
    const daily = id === undefined ? undefined : history.get(id);
    if (!daily) return c.json({ error: 'coin not found' }, 404);
    const usdPerBtc = data.exchangeRates.usd?.value;
    const vsPerBtc = data.exchangeRates[vs]?.value;
    if (!usdPerBtc || !vsPerBtc) return c.json({ error: 'invalid vs_currency' }, 400);
    const factor = dec(vsPerBtc).div(usdPerBtc);
    const series = c.req.query('interval') === 'daily' || to - from > AUTO_DAILY_ABOVE_S ? daily : hourlyPoints(daily);
    const points = series
      .filter((p) => p.atMs >= from * 1000 && p.atMs <= to * 1000)
      .map((p) => [new LosslessNumber(String(p.atMs)), new LosslessNumber(dec(p.usd).mul(factor).toSignificantDigits(17).toFixed())]);
    return jsonLiteral(c, { prices: points, market_caps: [], total_volumes: [] });
  }

  app.notFound((c) => c.json({ error: 'Incorrect path. Please check https://www.coingecko.com/api/documentations/v3' }, 404));

  /** Returns a refusal when a key is configured and the request does not carry it correctly. */
  function checkKey(c: Context, url: URL): Response | undefined {
    if (options.apiKey === undefined) return undefined;
    const other = plan === 'demo' ? 'pro' : 'demo';
    const sent = c.req.header(KEY_HEADERS[plan]) ?? url.searchParams.get(KEY_PARAMS[plan]) ?? undefined;
    const sentOther = c.req.header(KEY_HEADERS[other]) ?? url.searchParams.get(KEY_PARAMS[other]) ?? undefined;
    if (sent === undefined && sentOther !== undefined) {
      // CoinGecko answers a key of the wrong kind with 400 and a code naming the right host.
      return plan === 'demo'
        ? c.json(
            {
              status: {
                error_code: 10010,
                error_message: 'If you are using Pro API key, please change your root URL from api.coingecko.com to pro-api.coingecko.com',
              },
            },
            400,
          )
        : c.json(
            {
              status: {
                error_code: 10011,
                error_message: 'If you are using Demo API key, please change your root URL from pro-api.coingecko.com to api.coingecko.com',
              },
            },
            400,
          );
    }
    if (sent === undefined) return c.json({ status: { error_code: 10002, error_message: 'API Key Missing' } }, 401);
    // CoinGecko documents the `{ status: { error_code, error_message } }` shape but no code for a
    // key that does not exist; 401 with that shape is what clients have to handle.
    if (sent !== options.apiKey) return c.json({ status: { error_code: 401, error_message: 'Invalid API Key' } }, 401);
    return undefined;
  }

  /** Fixed one-minute windows, counted from the first request of each window. */
  function checkRateLimit(c: Context): Response | undefined {
    if (!Number.isFinite(limitPerMinute)) return undefined;
    const t = now();
    if (windowStartMs === undefined || t - windowStartMs >= MINUTE_MS) {
      windowStartMs = t;
      windowCount = 0;
    }
    windowCount += 1;
    if (windowCount <= limitPerMinute) return undefined;
    const retryAfterSeconds = Math.max(1, Math.ceil((windowStartMs + MINUTE_MS - t) / 1000));
    return c.json(RATE_LIMIT_BODY, 429, { 'retry-after': String(retryAfterSeconds) });
  }

  async function answerFault(c: Context, fault: CoinGeckoFault): Promise<Response | undefined> {
    switch (fault.kind) {
      case 'status':
        return c.json({ status: { error_code: fault.status, error_message: 'Simulated server error' } }, fault.status);
      case 'rate-limited':
        return c.json(RATE_LIMIT_BODY, 429, fault.retryAfter === undefined ? {} : { 'retry-after': fault.retryAfter });
      case 'malformed':
        return c.body('{"bitcoin":{"usd":67187.33,"chf":', 200, { 'content-type': 'application/json' });
      case 'timeout':
        await new Promise<void>((resolve) => heldRequests.add(resolve));
        return undefined;
    }
  }

  return {
    async start() {
      if (server) return baseUrl;
      const started = await new Promise<ServerType>((resolve) => {
        const s = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }, () => resolve(s));
      });
      server = started;
      const { port } = started.address() as AddressInfo;
      baseUrl = `http://127.0.0.1:${port}/api/v3`;
      return baseUrl;
    },
    async stop() {
      const s = server;
      if (!s) return;
      server = undefined;
      for (const release of heldRequests) release();
      heldRequests.clear();
      await new Promise<void>((resolve) => {
        s.close(() => resolve());
        // close() waits for open keep-alive connections; the simulator owns them all.
        if ('closeAllConnections' in s) s.closeAllConnections();
      });
    },
    get baseUrl() {
      if (!baseUrl) throw new Error('The CoinGecko simulator has not been started; call start() first.');
      return baseUrl;
    },
    get requests() {
      return requests;
    },
    injectFault(fault, times = 1) {
      for (let i = 0; i < times; i++) faults.push(fault);
    },
    setPrice(coinId, vsCurrency, price) {
      const normalized = dec(price).toFixed();
      data.prices[coinId] = { ...data.prices[coinId], [vsCurrency.toLowerCase()]: normalized };
    },
    setHistory(coinId, points) {
      history.set(coinId, [...points]);
    },
    reset() {
      requests.length = 0;
      windowStartMs = undefined;
      windowCount = 0;
    },
  };
}

/**
 * CoinGecko's hourly series for a range of up to 90 days, made from the daily one: between
 * two daily points, one point each hour moving in a straight line from the first price to the
 * next (exact decimals), stamped a little past the hour as CoinGecko's are.
 */
function hourlyPoints(daily: readonly CoinGeckoHistoryPoint[]): CoinGeckoHistoryPoint[] {
  const out: CoinGeckoHistoryPoint[] = [];
  for (let i = 0; i + 1 < daily.length; i++) {
    const a = daily[i]!;
    const b = daily[i + 1]!;
    const hours = Math.round((b.atMs - a.atMs) / HOUR_MS);
    for (let h = 0; h < hours; h++) {
      out.push({ atMs: a.atMs + h * HOUR_MS + HOURLY_OFFSET_MS, usd: dec(b.usd).minus(a.usd).mul(h).div(hours).plus(a.usd).toFixed() });
    }
  }
  const last = daily.at(-1);
  if (last) out.push({ atMs: last.atMs + HOURLY_OFFSET_MS, usd: last.usd });
  return out;
}

function splitList(value: string | undefined): string[] {
  if (!value) return [];
  return value
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

/** `full` (or absent) keeps every digit; 0–18 rounds to that many decimals, as CoinGecko documents. */
function parsePrecision(value: string | undefined): number | undefined {
  if (value === undefined || value === 'full') return undefined;
  const n = Number(value);
  return Number.isInteger(n) && n >= 0 && n <= 18 ? n : undefined;
}

/** Writes a body whose LosslessNumber values become JSON number literals with their exact digits. */
function jsonLiteral(c: Context, body: unknown): Response {
  return c.body(stringify(body) ?? 'null', 200, { 'content-type': 'application/json; charset=utf-8' });
}
