import { HostedSimulator } from '../framework/hosted-simulator.js';
import { type SimulatorClock, type SimulatorRequest, type SimulatorResponse, SimulatorServer } from '../framework/simulator-server.js';
import { upgradeTo } from '../framework/websocket-endpoint.js';
import { type BybitPositionChange, BybitPrivateStream, type BybitUnifiedCoinChange } from './bybit-private-stream.js';
import { type BybitRateLimit, BybitRateLimiter } from './bybit-rate-limits.js';
import { isValidBybitSignature } from './bybit-signature.js';
import type { BybitSimAccount, BybitWireSpotInstrument } from './bybit-sim-account.js';

/**
 * A local Bybit v5 REST API for tests and the demo. It answers what the Bybit connector calls
 * and behaves like Bybit where a client can get it wrong:
 *
 * - private requests carry `X-BAPI-API-KEY`, `X-BAPI-TIMESTAMP`, `X-BAPI-RECV-WINDOW` and
 *   `X-BAPI-SIGN`; the signature is re-derived (bybit-signature.ts) over the query exactly as
 *   sent, and the timestamp must satisfy Bybit's rule
 *   `server_time − recv_window ≤ timestamp < server_time + 1000` (else 10002);
 * - errors are Bybit's `{ retCode, retMsg, result: {}, retExtInfo: {}, time }`, HTTP 200:
 *   10003 unknown key, 10004 bad signature, 10002 timestamp, 10010 IP not allowed, 10001
 *   parameters (a window longer than the endpoint allows, a page above its cap), 10006 over the
 *   per-UID limit with `X-Bapi-Limit-*` headers; maintenance answers HTTP 503 with 10016;
 * - histories are time-windowed (executions, the transaction log, internal transfers and Earn yield 7 days, deposits (on-chain and
 *   from other Bybit users) and withdrawals 30 days; without times, the last window up to now) and served newest first,
 *   paged with an opaque `cursor` / `nextPageCursor`.
 */

export interface BybitSimulatorOptions {
  clock?: SimulatorClock;
  spotInstruments?: readonly BybitWireSpotInstrument[];
}

interface Endpoint {
  limit: BybitRateLimit;
  handle: (request: SimulatorRequest, account: BybitSimAccount) => SimulatorResponse;
}

const DAY_MS = 86_400_000;
const HISTORY_RETENTION_MS = 730 * DAY_MS;

export const bybitError = (retCode: number, retMsg: string, now: number) => ({ retCode, retMsg, result: {}, retExtInfo: {}, time: now });
const ok = (result: unknown, now: number): SimulatorResponse => ({ status: 200, json: { retCode: 0, retMsg: 'OK', result, retExtInfo: {}, time: now } });
const paramError = (retMsg: string, now: number): SimulatorResponse => ({ status: 200, json: bybitError(10001, retMsg, now) });

export class BybitSimulator extends HostedSimulator {
  protected readonly server: SimulatorServer;
  readonly #accounts = new Map<string, BybitSimAccount>();
  readonly #limiter = new BybitRateLimiter();
  readonly #endpoints: Record<string, Endpoint>;
  readonly #publicEndpoints: Record<string, (request: SimulatorRequest) => SimulatorResponse>;
  /** Bybit answers every call with HTTP 503 and 10016 while this is set. */
  maintenance = false;
  /** When set, keys are bound to IPs and this client's address is not among them (10010). */
  ipMismatch = false;

  /** The v5 private stream (`/v5/private`): wallet and position pushes (bybit-private-stream.ts). */
  readonly #stream: BybitPrivateStream;

  constructor(options: BybitSimulatorOptions = {}) {
    super();
    this.server = new SimulatorServer({
      clock: options.clock,
      upgrade: (req, socket, head) => upgradeTo(this.server.requests, () => this.now(), this.#stream.endpoint)(req, socket, head),
      handler: (request) => this.#handle(request),
      statusBody: (fault, request) =>
        fault.status === 429
          ? bybitError(10006, 'Too many visits!', request.now)
          : fault.status === 503
            ? bybitError(10016, 'Service is restarting, please try again later.', request.now)
            : bybitError(10016, 'Internal server error.', request.now),
      // A scripted 429 says when the budget resets, as every Bybit answer does.
      statusHeaders: (fault, request): Record<string, string> =>
        fault.status === 429
          ? { 'X-Bapi-Limit': '10', 'X-Bapi-Limit-Status': '0', 'X-Bapi-Limit-Reset-Timestamp': String(request.now + (fault.retryAfterSeconds ?? 1) * 1_000) }
          : {},
    });
    this.#stream = new BybitPrivateStream({ account: (apiKey) => this.#accounts.get(apiKey), now: () => this.now(), requests: this.server.requests });
    const spotInstruments = options.spotInstruments ?? DEFAULT_BYBIT_SPOT_INSTRUMENTS;
    // Public market data is not signed and counts per IP (600 requests per 5 s), far above any sync; not limited here.
    this.#publicEndpoints = {
      'GET /v5/market/instruments-info': (req) => {
        if (req.query.get('category') !== 'spot') return paramError('category is invalid', req.now);
        return ok({ category: 'spot', list: spotInstruments, nextPageCursor: '' }, req.now);
      },
    };
    this.#endpoints = {
      'GET /v5/user/query-api': {
        limit: { perSecond: 10 },
        handle: (req, account) =>
          ok(
            {
              id: '13770661',
              note: 'omnifolio',
              apiKey: account.apiKey,
              readOnly: account.apiKeyInfo.readOnly,
              secret: '',
              permissions: account.apiKeyInfo.permissions,
              ips: account.apiKeyInfo.ips,
              type: 1,
              deadlineDay: 83,
              expiredAt: new Date(req.now + 83 * DAY_MS).toISOString(),
              createdAt: new Date(req.now - 7 * DAY_MS).toISOString(),
              unified: 0,
              uta: 1,
              userID: Number(account.uid),
              inviterID: 0,
              vipLevel: 'No VIP',
              mktMakerLevel: '0',
              affiliateID: 0,
              rsaPublicKey: '',
              isMaster: true,
              parentUid: '0',
              kycLevel: 'LEVEL_1',
              kycRegion: 'CHE',
            },
            req.now,
          ),
      },
      'GET /v5/account/info': {
        limit: { perSecond: 50 },
        handle: (req, account) =>
          ok(
            {
              unifiedMarginStatus: 5,
              marginMode: account.marginMode,
              isMasterTrader: false,
              spotHedgingStatus: 'OFF',
              updatedTime: String(req.now - DAY_MS),
              dcpStatus: 'OFF',
              timeWindow: 10,
              smpGroup: 0,
            },
            req.now,
          ),
      },
      'GET /v5/account/wallet-balance': { limit: { perSecond: 50 }, handle: (req, account) => this.#walletBalance(req, account) },
      'GET /v5/asset/transfer/query-account-coins-balance': {
        limit: { perSecond: 2 },
        handle: (req, account) => {
          const type = req.query.get('accountType');
          if (type === null || type === '') return paramError('accountType is required', req.now);
          if (type !== 'FUND') return ok({ accountType: type, memberId: account.uid, balance: [] }, req.now);
          const coins = req.query.get('coin')?.split(',');
          return ok(
            { accountType: 'FUND', memberId: account.uid, balance: account.fund.filter((c) => coins === undefined || coins.includes(c.coin)) },
            req.now,
          );
        },
      },
      'GET /v5/earn/position': {
        limit: { perSecond: 10 },
        handle: (req, account) => {
          const category = req.query.get('category');
          if (category !== 'FlexibleSaving' && category !== 'OnChain') return paramError('category is invalid', req.now);
          return ok({ list: account.earn.filter((p) => p.category === category).map(({ category: _c, ...row }) => row) }, req.now);
        },
      },
      'GET /v5/position/list': { limit: { perSecond: 10 }, handle: (req, account) => this.#positions(req, account) },
      'GET /v5/execution/list': {
        limit: { perSecond: 10 },
        handle: (req, account) => {
          const category = req.query.get('category');
          if (category !== 'spot' && category !== 'linear' && category !== 'inverse') return paramError('category is invalid', req.now);
          const rows = account.executions.filter((e) => e.category === category);
          return windowed(req, rows, {
            windowMs: 7 * DAY_MS,
            maxLimit: 100,
            timeOf: (r) => Number(r.execTime),
            idOf: (r) => r.execId,
            extra: { category },
            toWire: ({ category: _c, ...row }) => row,
          });
        },
      },
      'GET /v5/account/transaction-log': {
        limit: { perSecond: 30 },
        handle: (req, account) => {
          const category = req.query.get('category');
          const rows = account.transactions.filter((t) => category === null || t.category === category);
          return windowed(req, rows, { windowMs: 7 * DAY_MS, maxLimit: 50, timeOf: (r) => Number(r.transactionTime), idOf: (r) => r.id });
        },
      },
      'GET /v5/asset/deposit/query-record': {
        limit: { perSecond: 5 },
        handle: (req, account) =>
          windowed(req, account.deposits, { windowMs: 30 * DAY_MS, maxLimit: 50, timeOf: (r) => Number(r.successAt), idOf: (r) => r.id, listKey: 'rows' }),
      },
      'GET /v5/asset/deposit/query-internal-record': {
        limit: { perSecond: 10 },
        handle: (req, account) =>
          windowed(req, account.internalDeposits, {
            windowMs: 30 * DAY_MS,
            maxLimit: 50,
            // Bybit writes this one's `createdTime` in seconds.
            timeOf: (r) => Number(r.createdTime) * 1_000,
            idOf: (r) => r.id,
            listKey: 'rows',
          }),
      },
      'GET /v5/asset/transfer/query-inter-transfer-list': {
        // Bybit: 1 request per second per UID for this list.
        limit: { perSecond: 1 },
        handle: (req, account) =>
          windowed(req, account.transfers ?? [], {
            windowMs: 7 * DAY_MS,
            maxLimit: 50,
            timeOf: (r) => Number(r.timestamp),
            idOf: (r) => r.transferId,
            filter: (r) => (!req.query.has('coin') || r.coin === req.query.get('coin')) && (!req.query.has('status') || r.status === req.query.get('status')),
          }),
      },
      'GET /v5/earn/yield': {
        limit: { perSecond: 10 },
        handle: (req, account) => {
          if (req.query.get('category') !== 'FlexibleSaving') return paramError('category is invalid', req.now);
          return windowed(req, account.earnYield ?? [], {
            windowMs: 7 * DAY_MS,
            maxLimit: 100,
            timeOf: (r) => Number(r.createdAt),
            idOf: (r) => r.id,
            listKey: 'yield',
          });
        },
      },
      'GET /v5/asset/withdraw/query-record': {
        limit: { perSecond: 5 },
        handle: (req, account) =>
          windowed(req, account.withdrawals, {
            windowMs: 30 * DAY_MS,
            maxLimit: 50,
            timeOf: (r) => Number(r.createTime),
            idOf: (r) => r.withdrawId,
            listKey: 'rows',
          }),
      },
    };
  }

  addAccount(account: BybitSimAccount): BybitSimAccount {
    this.#accounts.set(account.apiKey, account);
    return account;
  }

  account(apiKey: string): BybitSimAccount {
    const account = this.#accounts.get(apiKey);
    if (account === undefined) throw new Error(`No simulated Bybit account has the API key ${apiKey}.`);
    return account;
  }

  /** Changes one coin of the unified account (what REST serves) and pushes the `wallet` event Bybit sends for it. */
  setUnifiedCoin(apiKey: string, change: BybitUnifiedCoinChange): void {
    this.#stream.setUnifiedCoin(this.account(apiKey), change);
  }

  /** Opens, changes or (size "0") closes a position (what REST serves) and pushes the `position` event. */
  movePosition(apiKey: string, change: BybitPositionChange): void {
    this.#stream.movePosition(this.account(apiKey), change);
  }

  /** Private-stream connections of this key subscribed to `topic` (`wallet`, `position`). */
  privateStreamSubscribers(apiKey: string, topic: string): number {
    return this.#stream.subscribers(apiKey, topic);
  }

  /** Resolves once every private-stream connection has closed. */
  privateStreamIdle(): Promise<void> {
    return this.#stream.endpoint.idle();
  }

  /** Drops every private-stream connection, as Bybit does when it restarts a stream server. */
  dropPrivateStreams(): void {
    this.#stream.endpoint.close();
  }

  override stop(): Promise<void> {
    this.#stream.endpoint.close();
    return super.stop();
  }

  #handle(request: SimulatorRequest): SimulatorResponse {
    const route = `${request.method} ${request.path}`;
    const endpoint = this.#endpoints[route];
    const publicEndpoint = this.#publicEndpoints[route];
    if (endpoint === undefined && publicEndpoint === undefined) return { status: 404, json: bybitError(10017, 'route not found', request.now) };
    if (this.maintenance) return { status: 503, json: bybitError(10016, 'Service is restarting, please try again later.', request.now) };
    if (publicEndpoint !== undefined) return publicEndpoint(request);
    if (endpoint === undefined) return { status: 404, json: bybitError(10017, 'route not found', request.now) };
    const authenticated = this.#authenticate(request);
    if ('response' in authenticated) return authenticated.response;
    const { account } = authenticated;
    const charge = this.#limiter.charge(`${account.uid} ${request.path}`, endpoint.limit, request.now);
    if (!charge.allowed) return { status: 200, headers: charge.headers, json: bybitError(10006, 'Too many visits!', request.now) };
    const response = endpoint.handle(request, account);
    return { ...response, headers: { ...charge.headers, ...response.headers } };
  }

  /** Bybit's checks, in its order: key present and known, timestamp in the receive window, IP binding, signature. */
  #authenticate(request: SimulatorRequest): { account: BybitSimAccount } | { response: SimulatorResponse } {
    const h = request.headers;
    const refuse = (retCode: number, retMsg: string) => ({ response: { status: 200, json: bybitError(retCode, retMsg, request.now) } });
    const key = h['x-bapi-api-key'];
    const sign = h['x-bapi-sign'];
    const timestamp = h['x-bapi-timestamp'];
    const recvWindow = h['x-bapi-recv-window'] ?? '5000';
    if (key === undefined || key === '' || sign === undefined || timestamp === undefined)
      return refuse(10003, 'API key is invalid. Please check whether the key and domain are matched.');
    const account = this.#accounts.get(key);
    if (account === undefined) return refuse(10003, 'API key is invalid. Please check whether the key and domain are matched.');
    const at = Number(timestamp);
    const window = Number(recvWindow);
    if (!/^\d{13}$/.test(timestamp) || !Number.isInteger(window) || at < request.now - window || at >= request.now + 1_000) {
      return refuse(
        10002,
        `invalid request, please check your server timestamp or recv_window param. req_timestamp[${timestamp}],server_timestamp[${request.now}],recv_window[${recvWindow}]`,
      );
    }
    if (this.ipMismatch) return refuse(10010, "Unmatched IP, please check your API key's bound IP addresses.");
    const payload = request.method === 'GET' ? request.rawQuery : request.body;
    if (!isValidBybitSignature(account.secret, sign, timestamp, key, recvWindow, payload)) {
      return refuse(10004, `error sign! origin_string[${timestamp}${key}${recvWindow}${payload}]`);
    }
    return { account };
  }

  #walletBalance(request: SimulatorRequest, account: BybitSimAccount): SimulatorResponse {
    const type = request.query.get('accountType');
    if (type !== 'UNIFIED') return paramError('accountType only support UNIFIED.', request.now);
    if (account.unifiedResponse !== undefined) return { status: 200, json: account.unifiedResponse };
    return ok(
      {
        list: [
          {
            accountType: 'UNIFIED',
            accountIMRate: '0',
            accountMMRate: '0',
            totalEquity: '',
            totalWalletBalance: '',
            totalMarginBalance: '',
            totalAvailableBalance: '',
            totalPerpUPL: '',
            totalInitialMargin: '',
            totalMaintenanceMargin: '',
            accountLTV: '0',
            coin: account.unified,
          },
        ],
      },
      request.now,
    );
  }

  #positions(request: SimulatorRequest, account: BybitSimAccount): SimulatorResponse {
    const q = request.query;
    const category = q.get('category');
    if (category !== 'linear' && category !== 'inverse' && category !== 'option') return paramError('category is invalid', request.now);
    const symbol = q.get('symbol');
    const settleCoin = q.get('settleCoin');
    if (category === 'linear' && (symbol === null || symbol === '') && (settleCoin === null || settleCoin === ''))
      return paramError('symbol or settleCoin is required', request.now);
    const limit = q.has('limit') ? Number(q.get('limit')) : 20;
    if (!Number.isInteger(limit) || limit < 1 || limit > 200) return paramError('limit is invalid', request.now);
    const rows = account.positions
      .filter((p) => p.category === category)
      .filter((p) => (symbol !== null && symbol !== '' ? p.symbol === symbol : settleCoin === null || settleCoin === '' || p.settleCoin === settleCoin))
      .sort((a, b) => a.symbol.localeCompare(b.symbol));
    const start = q.has('cursor') ? Number(Buffer.from(q.get('cursor') as string, 'base64url').toString('utf8')) : 0;
    const page = rows.slice(start, start + limit).map(({ category: _c, settleCoin: _s, ...row }) => row);
    const next = start + limit < rows.length ? Buffer.from(String(start + limit), 'utf8').toString('base64url') : '';
    return ok({ category, nextPageCursor: next, list: page }, request.now);
  }
}

interface WindowOptions<T> {
  windowMs: number;
  maxLimit: number;
  timeOf: (row: T) => number;
  idOf: (row: T) => string;
  /** Deposits and withdrawals list under `rows`, Earn yield under `yield`, everything else under `list`. */
  listKey?: 'list' | 'rows' | 'yield';
  /** The request's own filters (coin, status), applied before paging. */
  filter?: (row: T) => boolean;
  extra?: Record<string, string>;
  /** Drops the simulator's own bookkeeping fields. */
  toWire?: (row: T) => unknown;
}

/**
 * One page of a time-windowed history, Bybit style: `startTime`/`endTime` (ms, inclusive) at
 * most `windowMs` apart; only one given, the other is that far from it; neither, the last
 * window up to now. Rows come newest first; `cursor` continues after the last row of the
 * previous page (encoded time and id, opaque to the client).
 */
function windowed<T>(request: SimulatorRequest, all: readonly T[], o: WindowOptions<T>): SimulatorResponse {
  const q = request.query;
  const limit = q.has('limit') ? Number(q.get('limit')) : Math.min(50, o.maxLimit);
  if (!Number.isInteger(limit) || limit < 1 || limit > o.maxLimit) return paramError(`limit must be between 1 and ${o.maxLimit}`, request.now);
  const startGiven = q.has('startTime') ? Number(q.get('startTime')) : undefined;
  const endGiven = q.has('endTime') ? Number(q.get('endTime')) : undefined;
  if ((startGiven !== undefined && !Number.isInteger(startGiven)) || (endGiven !== undefined && !Number.isInteger(endGiven)))
    return paramError('startTime or endTime is invalid', request.now);
  const end = endGiven ?? (startGiven === undefined ? request.now : startGiven + o.windowMs);
  const start = startGiven ?? end - o.windowMs;
  if (end < start) return paramError('endTime must be after startTime', request.now);
  if (end - start > o.windowMs) return paramError(`The time range is more than ${o.windowMs / DAY_MS} days`, request.now);
  if (start < request.now - HISTORY_RETENTION_MS) return paramError('startTime cannot be earlier than 2 years ago', request.now);
  const key = (row: T) => `${String(o.timeOf(row)).padStart(15, '0')}|${o.idOf(row)}`;
  let rows = all
    .filter((row) => o.timeOf(row) >= start && o.timeOf(row) <= end && (o.filter?.(row) ?? true))
    .sort((a, b) => (key(b) > key(a) ? 1 : key(b) < key(a) ? -1 : 0));
  const cursor = q.get('cursor');
  if (cursor !== null && cursor !== '') {
    const after = Buffer.from(cursor, 'base64url').toString('utf8');
    if (!/^\d{15}\|/.test(after)) return paramError('cursor is invalid', request.now);
    rows = rows.filter((row) => key(row) < after);
  }
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  const next = rows.length > limit && last !== undefined ? Buffer.from(key(last), 'utf8').toString('base64url') : '';
  return ok({ ...o.extra, [o.listKey ?? 'list']: page.map(o.toWire ?? ((row) => row)), nextPageCursor: next }, request.now);
}

const spot = (baseCoin: string, quoteCoin: string): BybitWireSpotInstrument => ({ symbol: `${baseCoin}${quoteCoin}`, baseCoin, quoteCoin, status: 'Trading' });

/** A few of Bybit's spot pairs; `symbol` is base and quote run together, which only this list can split. */
export const DEFAULT_BYBIT_SPOT_INSTRUMENTS: readonly BybitWireSpotInstrument[] = [
  spot('BTC', 'USDT'),
  spot('ETH', 'USDT'),
  spot('SOL', 'USDT'),
  spot('ADA', 'USDT'),
  spot('ETH', 'BTC'),
  spot('BTC', 'USDC'),
  spot('USDC', 'USDT'),
];
