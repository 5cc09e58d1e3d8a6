import { dec, toDecimalString } from '@omnifolio/shared/money';
import { HostedSimulator } from '../framework/hosted-simulator.js';
import { type SimulatorClock, type SimulatorRequest, type SimulatorResponse, SimulatorServer } from '../framework/simulator-server.js';
import { upgradeTo } from '../framework/websocket-endpoint.js';
import { CoinexPrivateStream } from './coinex-private-stream.js';
import { COINEX_IP_LIMIT, type CoinexRateLimit, CoinexRateLimiter } from './coinex-rate-limits.js';
import { isValidCoinexSignature, preparedCoinexString } from './coinex-signature.js';
import type { CoinexSimAccount } from './coinex-sim-account.js';

/**
 * A local CoinEx API v2 for tests and the demo. It answers what the CoinEx connector calls and
 * behaves like CoinEx where a client can get it wrong:
 *
 * - signed requests carry `X-COINEX-KEY`, `X-COINEX-SIGN` and `X-COINEX-TIMESTAMP`; the
 *   signature is re-derived (coinex-signature.ts) over method + path with the query exactly as
 *   sent + body + timestamp, and a timestamp more than `X-COINEX-WINDOWTIME` (default 5000 ms)
 *   away from the server's time is refused;
 * - errors are CoinEx's `{ code, data: {}, message }` with HTTP 200: 4005 unknown access_id, 4006
 *   bad signature, 4007 IP not allowed, 4010 expired request, 4004 bad parameter, 4001 service
 *   unavailable; 429 with 4213 when an endpoint's limit is exceeded;
 * - lists page with `page` (from 1) and `limit` (at most 100, default 10), newest first, and say
 *   `pagination.has_next`; trades (spot, margin and futures) need `market` and `market_type`,
 *   transfers `ccy` and `transfer_type`; trades, funding, closed positions and transfers take
 *   `start_time`/`end_time`.
 */

export interface CoinexSimulatorOptions {
  clock?: SimulatorClock;
  spotMarkets?: readonly Record<string, string>[];
  futuresMarkets?: readonly Record<string, string>[];
  /** Mark prices per futures market, as `GET /v2/futures/ticker` reports them. */
  markPrices?: Record<string, string>;
}

interface Endpoint {
  signed: boolean;
  limit: CoinexRateLimit;
  handle: (request: SimulatorRequest, account: CoinexSimAccount) => SimulatorResponse;
}

const DEFAULT_WINDOW_MS = 5_000;
const MAX_LIMIT = 100;

const coinexError = (code: number, message: string) => ({ code, data: {}, message });
const ok = (data: unknown, pagination?: { has_next: boolean; total?: number }): SimulatorResponse => ({
  status: 200,
  json: { code: 0, data, message: 'OK', ...(pagination === undefined ? {} : { pagination }) },
});
const badParameter = (detail: string): SimulatorResponse => ({ status: 200, json: coinexError(4004, `Parameter error, ${detail}`) });

export class CoinexSimulator extends HostedSimulator {
  protected readonly server: SimulatorServer;
  readonly #accounts = new Map<string, CoinexSimAccount>();
  readonly #limiter = new CoinexRateLimiter();
  readonly #endpoints: Record<string, Endpoint>;
  readonly #spotMarkets: readonly Record<string, string>[];
  readonly #futuresMarkets: readonly Record<string, string>[];
  readonly #markPrices: Record<string, string>;
  /** Every call is answered with 4001 (service unavailable) while this is set. */
  maintenance = false;
  readonly #stream: CoinexPrivateStream;

  constructor(options: CoinexSimulatorOptions = {}) {
    super();
    this.#spotMarkets = options.spotMarkets ?? DEFAULT_COINEX_SPOT_MARKETS;
    this.#futuresMarkets = options.futuresMarkets ?? DEFAULT_COINEX_FUTURES_MARKETS;
    this.#markPrices = options.markPrices ?? DEFAULT_COINEX_MARK_PRICES;
    this.server = new SimulatorServer({
      clock: options.clock,
      handler: (request) => this.#handle(request),
      statusBody: (fault) =>
        fault.status === 429
          ? coinexError(4213, 'The request is too frequent, please try again later.')
          : coinexError(4001, 'Service unavailable, please try again later.'),
      upgrade: (req, socket, head) => upgradeTo(this.server.requests, () => this.now(), this.#stream.endpoint)(req, socket, head),
    });
    this.#stream = new CoinexPrivateStream({ account: (apiKey) => this.#accounts.get(apiKey), now: () => this.now(), requests: this.server.requests });
    // Balance and position queries and trade histories: 10 a second per account
    // (https://docs.coinex.com/api/v2/rate-limit); public market data only counts against the IP's 400.
    const tenPerSecond: CoinexRateLimit = { perSecond: 10 };
    const generous: CoinexRateLimit = COINEX_IP_LIMIT;
    this.#endpoints = {
      'GET /v2/assets/spot/balance': { signed: true, limit: tenPerSecond, handle: (_r, a) => ok(a.spot) },
      'GET /v2/assets/margin/balance': {
        signed: true,
        limit: tenPerSecond,
        handle: (r, a) => ok(a.margin.filter((m) => !r.query.has('market') || m.margin_account === r.query.get('market'))),
      },
      'GET /v2/assets/futures/balance': { signed: true, limit: tenPerSecond, handle: (_r, a) => ok(a.futures) },
      'GET /v2/assets/financial/balance': { signed: true, limit: tenPerSecond, handle: (_r, a) => ok(a.financial) },
      'GET /v2/futures/pending-position': {
        signed: true,
        limit: tenPerSecond,
        handle: (r, a) => {
          if (r.query.get('market_type') !== 'FUTURES') return badParameter('market_type must be FUTURES');
          return paged(
            r,
            a.positions.filter((p) => !r.query.has('market') || p.market === r.query.get('market')),
          );
        },
      },
      'GET /v2/spot/user-deals': { signed: true, limit: tenPerSecond, handle: (r, a) => this.#deals(r, a) },
      'GET /v2/futures/position-funding-history': { signed: true, limit: tenPerSecond, handle: (r, a) => this.#funding(r, a) },
      'GET /v2/futures/user-deals': { signed: true, limit: tenPerSecond, handle: (r, a) => this.#futuresDeals(r, a) },
      'GET /v2/futures/finished-position': { signed: true, limit: tenPerSecond, handle: (r, a) => this.#finishedPositions(r, a) },
      'GET /v2/assets/transfer-history': { signed: true, limit: tenPerSecond, handle: (r, a) => this.#transfers(r, a) },
      'GET /v2/assets/deposit-history': {
        signed: true,
        limit: tenPerSecond,
        handle: (r, a) =>
          paged(
            r,
            [...a.deposits].filter((d) => !r.query.has('ccy') || d.ccy === r.query.get('ccy')).sort((x, y) => y.deposit_id - x.deposit_id),
          ),
      },
      'GET /v2/assets/withdraw': {
        signed: true,
        limit: tenPerSecond,
        handle: (r, a) =>
          paged(
            r,
            [...a.withdrawals].filter((w) => !r.query.has('ccy') || w.ccy === r.query.get('ccy')).sort((x, y) => y.withdraw_id - x.withdraw_id),
          ),
      },
      'GET /v2/spot/market': { signed: false, limit: generous, handle: (r) => ok(filterMarkets(r, this.#spotMarkets)) },
      'GET /v2/futures/market': { signed: false, limit: generous, handle: (r) => ok(filterMarkets(r, this.#futuresMarkets)) },
      'GET /v2/futures/ticker': {
        signed: false,
        limit: generous,
        handle: (r) =>
          ok(
            filterMarkets(r, this.#futuresMarkets).map((m) => ({
              market: m.market,
              last: this.#markPrices[m.market as string] ?? '0',
              mark_price: this.#markPrices[m.market as string] ?? '0',
              index_price: this.#markPrices[m.market as string] ?? '0',
              period: 86_400,
            })),
          ),
      },
    };
  }

  addAccount(account: CoinexSimAccount): CoinexSimAccount {
    this.#accounts.set(account.apiKey, account);
    return account;
  }

  /** The v2 WebSocket (`/v2/spot/`, `/v2/futures/`): `server.sign`, `balance.subscribe`, gzip frames. */
  get privateStream(): CoinexPrivateStream {
    return this.#stream;
  }

  /**
   * Sets one spot currency's available and frozen amounts, as a fill or a deposit would: the spot
   * balance endpoint serves them and the spot socket's subscribers get the `balance.update`, so a
   * sync afterwards reads what the stream said.
   */
  changeSpotBalance(apiKey: string, ccy: string, amounts: { available: string; frozen: string }): void {
    const account = this.#mustAccount(apiKey);
    const row = account.spot.find((r) => r.ccy === ccy);
    if (row === undefined) account.spot.push({ ccy, ...amounts });
    else Object.assign(row, amounts);
    this.#stream.publish(apiKey, 'spot', [{ margin_market: '', ccy, ...amounts, updated_at: this.now() }]);
  }

  /**
   * Changes one side of an isolated margin account (`ETHUSDT`, currency `ETH`): the margin balance
   * endpoint serves the new amounts and the spot socket's subscribers get a `balance.update` row
   * naming the `margin_market`, with the available and frozen amounts (CoinEx's row carries neither
   * the loan nor the interest).
   */
  changeMarginBalance(
    apiKey: string,
    marginAccount: string,
    ccy: string,
    amounts: { available?: string; frozen?: string; repaid?: string; interest?: string },
  ): void {
    const margin = this.#mustAccount(apiKey).margin.find((m) => m.margin_account === marginAccount);
    const side = margin?.base_ccy === ccy ? 'base_ccy' : margin?.quote_ccy === ccy ? 'quote_ccy' : undefined;
    if (margin === undefined || side === undefined) throw new Error(`no ${ccy} side in the ${marginAccount} margin account`);
    for (const key of ['available', 'frozen', 'repaid', 'interest'] as const) {
      const value = amounts[key];
      if (value !== undefined) margin[key][side] = value;
    }
    this.#stream.publish(apiKey, 'spot', [
      { margin_market: marginAccount, ccy, available: margin.available[side], frozen: margin.frozen[side], updated_at: this.now() },
    ]);
  }

  /** Changes one futures currency (margin moved by a fill, unrealized PnL by the mark): REST and the futures socket agree. */
  changeFuturesBalance(
    apiKey: string,
    ccy: string,
    amounts: { available: string; frozen: string; margin: string; transferrable: string; unrealized_pnl: string },
  ): void {
    const account = this.#mustAccount(apiKey);
    const row = account.futures.find((r) => r.ccy === ccy);
    if (row === undefined) account.futures.push({ ccy, ...amounts });
    else Object.assign(row, amounts);
    const equity = [amounts.available, amounts.frozen, amounts.margin, amounts.unrealized_pnl].reduce((sum, v) => sum.plus(v), dec('0'));
    this.#stream.publish(apiKey, 'futures', [{ ccy, ...amounts, equity: toDecimalString(equity) }]);
  }

  override async stop(): Promise<void> {
    this.#stream.close();
    await super.stop();
  }

  #mustAccount(apiKey: string): CoinexSimAccount {
    const account = this.#accounts.get(apiKey);
    if (account === undefined) throw new Error(`no CoinEx account for ${apiKey}`);
    return account;
  }

  #handle(request: SimulatorRequest): SimulatorResponse {
    const endpoint = this.#endpoints[`${request.method} ${request.path}`];
    if (endpoint === undefined) return { status: 404, json: coinexError(4004, `Path ${request.path} does not exist`) };
    if (this.maintenance) return { status: 200, json: coinexError(4001, 'Service unavailable, please try again later.') };
    let account: CoinexSimAccount | undefined;
    if (endpoint.signed) {
      const authenticated = this.#authenticate(request);
      if ('response' in authenticated) return authenticated.response;
      account = authenticated.account;
    }
    const waitMs =
      this.#limiter.charge('ip', COINEX_IP_LIMIT, request.now) ??
      (endpoint.signed ? this.#limiter.charge(`${account?.apiKey} ${request.path}`, endpoint.limit, request.now) : undefined);
    if (waitMs !== undefined) return { status: 429, json: coinexError(4213, 'The request is too frequent, please try again later.') };
    return endpoint.handle(request, account ?? PUBLIC);
  }

  /** CoinEx's checks, in its order: key known, IP allowed, request not expired, signature. */
  #authenticate(request: SimulatorRequest): { account: CoinexSimAccount } | { response: SimulatorResponse } {
    const refuse = (code: number, message: string) => ({ response: { status: 200, json: coinexError(code, message) } });
    const h = request.headers;
    const key = h['x-coinex-key'];
    const sign = h['x-coinex-sign'];
    const timestamp = h['x-coinex-timestamp'];
    const account = key === undefined ? undefined : this.#accounts.get(key);
    if (account === undefined) return refuse(4005, 'Abnormal access_id, please check whether the value passed by X-COINEX-KEY is normal.');
    if (account.allowedIps !== undefined && !account.allowedIps.includes('127.0.0.1')) {
      return refuse(4007, 'IP address prohibited, please check whether the whitelist or export IP is normal.');
    }
    const window = h['x-coinex-windowtime'] === undefined ? DEFAULT_WINDOW_MS : Number(h['x-coinex-windowtime']);
    const at = Number(timestamp);
    if (timestamp === undefined || !/^\d{13}$/.test(timestamp) || !Number.isFinite(window) || Math.abs(request.now - at) > window) {
      return refuse(4010, 'Expired request, please try again later.');
    }
    if (sign === undefined || !/^[0-9a-f]{64}$/.test(sign)) return refuse(4008, 'Abnormal X-COIN-SIGN value, please check.');
    const requestPath = request.rawQuery === '' ? request.path : `${request.path}?${request.rawQuery}`;
    if (!isValidCoinexSignature(account.secret, sign, preparedCoinexString(request.method, requestPath, request.body, timestamp))) {
      return refuse(4006, 'Signature verification failed, please check the signature according to the documentation instructions.');
    }
    return { account };
  }

  #funding(request: SimulatorRequest, account: CoinexSimAccount): SimulatorResponse {
    const q = request.query;
    if (q.get('market_type') !== 'FUTURES') return badParameter('market_type must be FUTURES');
    const start = q.has('start_time') ? Number(q.get('start_time')) : Number.NEGATIVE_INFINITY;
    const end = q.has('end_time') ? Number(q.get('end_time')) : Number.POSITIVE_INFINITY;
    if (Number.isNaN(start) || Number.isNaN(end)) return badParameter('start_time and end_time are millisecond timestamps');
    const rows = account.funding
      .filter((f) => (!q.has('market') || f.market === q.get('market')) && f.created_at >= start && f.created_at <= end)
      .sort((a, b) => b.created_at - a.created_at || b.position_id - a.position_id);
    return paged(request, rows);
  }

  #futuresDeals(request: SimulatorRequest, account: CoinexSimAccount): SimulatorResponse {
    const q = request.query;
    const market = q.get('market');
    if (market === null || market === '') return badParameter('market is required');
    if (q.get('market_type') !== 'FUTURES') return badParameter('market_type must be FUTURES');
    const range = timeRange(request);
    if (range === undefined) return badParameter('start_time and end_time are millisecond timestamps');
    const rows = (account.futuresDeals ?? [])
      .filter((d) => d.market === market && d.created_at >= range.start && d.created_at <= range.end)
      .sort((a, b) => b.created_at - a.created_at || b.deal_id - a.deal_id);
    return paged(request, rows);
  }

  #finishedPositions(request: SimulatorRequest, account: CoinexSimAccount): SimulatorResponse {
    const q = request.query;
    if (q.get('market_type') !== 'FUTURES') return badParameter('market_type must be FUTURES');
    const range = timeRange(request);
    if (range === undefined) return badParameter('start_time and end_time are millisecond timestamps');
    const rows = (account.finishedPositions ?? [])
      .filter((p) => (!q.has('market') || p.market === q.get('market')) && Number(p.updated_at) >= range.start && Number(p.updated_at) <= range.end)
      .sort((a, b) => Number(b.updated_at) - Number(a.updated_at));
    return paged(request, rows);
  }

  /** Transfers of one currency between spot and futures (`FUTURES`) or margin (`MARGIN`), newest first. */
  #transfers(request: SimulatorRequest, account: CoinexSimAccount): SimulatorResponse {
    const q = request.query;
    const ccy = q.get('ccy');
    const type = q.get('transfer_type');
    if (ccy === null || ccy === '') return badParameter('ccy is required');
    if (type !== 'FUTURES' && type !== 'MARGIN') return badParameter('transfer_type must be FUTURES or MARGIN');
    const range = timeRange(request);
    if (range === undefined) return badParameter('start_time and end_time are millisecond timestamps');
    const rows = (account.transfers ?? [])
      .filter((t) => t.ccy === ccy && (t.from_account_type === type || t.to_account_type === type))
      .filter((t) => t.created_at >= range.start && t.created_at <= range.end)
      .sort((a, b) => b.created_at - a.created_at);
    return paged(request, rows);
  }

  #deals(request: SimulatorRequest, account: CoinexSimAccount): SimulatorResponse {
    const q = request.query;
    const market = q.get('market');
    const marketType = q.get('market_type');
    if (market === null || market === '') return badParameter('market is required');
    if (marketType !== 'SPOT' && marketType !== 'MARGIN') return badParameter('market_type must be SPOT or MARGIN');
    const start = q.has('start_time') ? Number(q.get('start_time')) : Number.NEGATIVE_INFINITY;
    const end = q.has('end_time') ? Number(q.get('end_time')) : Number.POSITIVE_INFINITY;
    if (Number.isNaN(start) || Number.isNaN(end)) return badParameter('start_time and end_time are millisecond timestamps');
    const rows = account.deals
      .filter((d) => d.market === market && (marketType === 'MARGIN') === (d.margin_market !== ''))
      .filter((d) => d.created_at >= start && d.created_at <= end)
      .sort((a, b) => b.created_at - a.created_at || b.deal_id - a.deal_id);
    return paged(request, rows);
  }
}

/** `start_time`/`end_time` in ms, both optional; undefined when not numbers. */
function timeRange(request: SimulatorRequest): { start: number; end: number } | undefined {
  const q = request.query;
  const start = q.has('start_time') ? Number(q.get('start_time')) : Number.NEGATIVE_INFINITY;
  const end = q.has('end_time') ? Number(q.get('end_time')) : Number.POSITIVE_INFINITY;
  return Number.isNaN(start) || Number.isNaN(end) ? undefined : { start, end };
}

/** `page` from 1, `limit` at most 100 (default 10), with CoinEx's `pagination.has_next`. */
function paged(request: SimulatorRequest, rows: readonly unknown[]): SimulatorResponse {
  const page = request.query.has('page') ? Number(request.query.get('page')) : 1;
  const limit = request.query.has('limit') ? Number(request.query.get('limit')) : 10;
  if (!Number.isInteger(page) || page < 1) return badParameter('page must be a positive integer');
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) return badParameter(`limit must be between 1 and ${MAX_LIMIT}`);
  const slice = rows.slice((page - 1) * limit, page * limit);
  return ok(slice, { has_next: page * limit < rows.length, total: rows.length });
}

function filterMarkets(request: SimulatorRequest, markets: readonly Record<string, string>[]): Record<string, string>[] {
  const wanted = request.query.get('market')?.split(',');
  return markets.filter((m) => wanted === undefined || wanted.includes(m.market as string));
}

/** Public endpoints run without an account; their handlers never read it. */
const PUBLIC: CoinexSimAccount = {
  apiKey: '',
  secret: '',
  spot: [],
  margin: [],
  futures: [],
  financial: [],
  positions: [],
  deals: [],
  deposits: [],
  withdrawals: [],
  funding: [],
};

const spotMarket = (base: string, quote: string) => ({ market: `${base}${quote}`, base_ccy: base, quote_ccy: quote, status: 'online' });
const futuresMarket = (base: string, quote: string, contractType: 'linear' | 'inverse') => ({
  market: `${base}${quote}`,
  contract_type: contractType,
  base_ccy: base,
  quote_ccy: quote,
  status: 'online',
});

export const DEFAULT_COINEX_SPOT_MARKETS: readonly Record<string, string>[] = [
  spotMarket('BTC', 'USDT'),
  spotMarket('ETH', 'USDT'),
  spotMarket('ETH', 'BTC'),
  spotMarket('SOL', 'USDT'),
  spotMarket('CET', 'USDT'),
  spotMarket('DOGE', 'USDT'),
  spotMarket('USDC', 'USDT'),
];

export const DEFAULT_COINEX_FUTURES_MARKETS: readonly Record<string, string>[] = [
  futuresMarket('BTC', 'USDT', 'linear'),
  futuresMarket('ETH', 'USDT', 'linear'),
  futuresMarket('SOL', 'USDT', 'linear'),
  futuresMarket('BTC', 'USD', 'inverse'),
];

export const DEFAULT_COINEX_MARK_PRICES: Record<string, string> = { BTCUSDT: '90512.4', ETHUSDT: '3188.05', SOLUSDT: '171.32', BTCUSD: '90508.1' };
