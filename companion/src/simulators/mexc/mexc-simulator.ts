import { dec } from '@omnifolio/shared/money';
import { HostedSimulator } from '../framework/hosted-simulator.js';
import { type SimulatorClock, type SimulatorRequest, type SimulatorResponse, SimulatorServer } from '../framework/simulator-server.js';
import { upgradeTo } from '../framework/websocket-endpoint.js';
import { MEXC_DEMO_CONTRACTS, MEXC_DEMO_SYMBOLS } from './demo-account.js';
import { type MEXC_ACCOUNT_CHANNEL, MexcPrivateStream } from './mexc-private-stream.js';
import { MEXC_CONTRACT_BUDGET, MEXC_CONTRACT_DETAIL_BUDGET, MEXC_SPOT_IP_BUDGET, type MexcBudget, MexcRateLimiter } from './mexc-rate-limits.js';
import { isValidMexcSignature, mexcContractParamString } from './mexc-signature.js';
import type { MexcSimAccount, MexcWireContract, MexcWireFuturesAsset, MexcWirePosition, MexcWireSymbol } from './mexc-sim-account.js';

/**
 * A local MEXC API for tests and the demo: spot v3 under `/api/v3` and the futures contract API
 * under `/api/v1`. It answers what the MEXC connector calls and behaves like MEXC where a client can
 * get it wrong:
 *
 * - spot: `X-MEXC-APIKEY` plus `timestamp`, `recvWindow` (≤ 60000, else 700005) and `signature` in
 *   the query; the signature is re-derived over the query as sent; MEXC's timing rule
 *   (timestamp < server + 1000 and server − timestamp ≤ recvWindow, else 700003); unknown key 10072,
 *   bad signature 700002, IP not allowed 700006; HTTP 429 `{ code: 429 }` with Retry-After over an
 *   endpoint's 500 weight per 10 s (mexc-rate-limits.ts cites each limit); 503 in maintenance;
 * - futures: `ApiKey`, `Request-Time` (within 10 s, else 10073) and `Signature` headers over ApiKey +
 *   Request-Time + sorted parameters; `{ success: false, code }` answers with HTTP 200 (602 bad
 *   signature, 10072 unknown key, 406 IP, 510 too frequent: over 20 requests per 2 s on an endpoint,
 *   or a second `contract/detail` within 5 s; 1000 no futures account);
 * - funding and transfer records page newest first with `page_num`/`page_size` (≤ 100), without a
 *   time filter; futures fills (`order_deals`) need a contract and span ≤ 90 days per request
 *   (7 days without a range), newest first by page; closed positions page newest first;
 * - histories: `myTrades` needs a symbol, keeps one month, returns at most `limit` (≤ 100) trades,
 *   oldest first from `startTime`; deposit and withdrawal history answer at most 7 days per request
 *   and nothing older than 90 days (400 "The start time cannot be earlier than 90 days"), ≤ 1000 rows.
 */

export interface MexcSimulatorOptions {
  clock?: SimulatorClock;
  /** The spot per-endpoint weight budget; MEXC's documented 500 per 10 seconds unless a test needs a smaller one. */
  spotBudget?: MexcBudget;
  /** The futures per-endpoint budget; MEXC's documented 20 per 2 seconds unless a test needs a longer window. */
  contractBudget?: MexcBudget;
  contracts?: readonly MexcWireContract[];
  symbols?: readonly MexcWireSymbol[];
}

type Api = 'spot' | 'contract';

interface Endpoint {
  api: Api;
  signed: boolean;
  /** Spot request weight (MEXC's "Weight(IP)"); contract endpoints count requests. */
  weight: number;
  /** A limit of the endpoint's own, in requests, instead of (futures) or besides (spot) the general one. */
  ownLimit?: MexcBudget;
  handle: (request: SimulatorRequest, account: MexcSimAccount | undefined) => SimulatorResponse;
}

const DAY = 86_400_000;
const MAX_RECV_WINDOW = 60_000;
const CONTRACT_SKEW_MS = 10_000;

const spotError = (status: number, code: number, msg: string): SimulatorResponse => ({ status, json: { code, msg } });
const contractError = (code: number, message: string): SimulatorResponse => ({ status: 200, json: { success: false, code, message } });
const contractOk = (data: unknown): SimulatorResponse => ({ status: 200, json: { success: true, code: 0, data } });
const ok = (json: unknown): SimulatorResponse => ({ status: 200, json });

export class MexcSimulator extends HostedSimulator {
  protected readonly server: SimulatorServer;
  readonly #accounts = new Map<string, MexcSimAccount>();
  readonly #contracts: readonly MexcWireContract[];
  readonly #symbols: readonly MexcWireSymbol[];
  readonly #limiter = new MexcRateLimiter();
  readonly #spotBudget: MexcBudget;
  readonly #contractBudget: MexcBudget;
  readonly #endpoints: Record<string, Endpoint>;
  /** Listen keys and the spot and futures private WebSockets (mexc-private-stream.ts). */
  readonly #stream: MexcPrivateStream;
  /** Every call answers "service not available" while this is set. */
  maintenance = false;

  constructor(options: MexcSimulatorOptions = {}) {
    super();
    this.#contracts = options.contracts ?? MEXC_DEMO_CONTRACTS;
    this.#spotBudget = options.spotBudget ?? MEXC_SPOT_IP_BUDGET;
    this.#contractBudget = options.contractBudget ?? MEXC_CONTRACT_BUDGET;
    this.#symbols = options.symbols ?? MEXC_DEMO_SYMBOLS;
    this.server = new SimulatorServer({
      clock: options.clock,
      handler: (request) => this.#handle(request),
      upgrade: (req, socket, head) => upgradeTo(this.server.requests, () => this.now(), this.#stream.endpoint)(req, socket, head),
      statusBody: (fault, request) =>
        request.path.startsWith('/api/v1/')
          ? { success: false, code: fault.status === 429 ? 510 : 9999, message: fault.status === 429 ? 'Requests are too frequent' : 'System error' }
          : fault.status === 429
            ? { code: 429, msg: 'Too Many Requests' }
            : fault.status === 418
              ? { code: 418, msg: 'IP banned: too many requests after 429' }
              : { code: fault.status, msg: 'Internal error' },
    });
    const must = (account: MexcSimAccount | undefined) => {
      if (account === undefined) throw new Error('A signed endpoint ran without an authenticated account.');
      return account;
    };
    this.#stream = new MexcPrivateStream({ account: (apiKey) => this.#accounts.get(apiKey), requests: this.server.requests, now: () => this.now() });
    const listenKeyOf = (req: SimulatorRequest) => req.query.get('listenKey') ?? '';
    this.#endpoints = {
      'POST /api/v3/userDataStream': {
        api: 'spot',
        signed: true,
        weight: 1,
        handle: (_req, account) => ok({ listenKey: this.#stream.createListenKey(must(account).apiKey) }),
      },
      'PUT /api/v3/userDataStream': {
        api: 'spot',
        signed: true,
        weight: 1,
        handle: (req, account) =>
          this.#stream.keepAlive(must(account).apiKey, listenKeyOf(req)) ? ok({ listenKey: listenKeyOf(req) }) : spotError(400, 730707, 'Invalid listenKey'),
      },
      'DELETE /api/v3/userDataStream': {
        api: 'spot',
        signed: true,
        weight: 1,
        handle: (req, account) =>
          this.#stream.closeListenKey(must(account).apiKey, listenKeyOf(req))
            ? ok({ listenKey: listenKeyOf(req) })
            : spotError(400, 730707, 'Invalid listenKey'),
      },
      'GET /api/v3/exchangeInfo': {
        api: 'spot',
        signed: false,
        weight: 10,
        handle: () => ok({ timezone: 'CST', serverTime: this.now(), rateLimits: [], exchangeFilters: [], symbols: this.#symbols.map(symbolInfo) }),
      },
      'GET /api/v3/account': {
        api: 'spot',
        signed: true,
        weight: 10,
        handle: (_req, account) =>
          ok({
            makerCommission: null,
            takerCommission: null,
            buyerCommission: null,
            sellerCommission: null,
            canTrade: true,
            canWithdraw: true,
            canDeposit: true,
            updateTime: null,
            accountType: 'SPOT',
            balances: must(account).balances,
            permissions: ['SPOT'],
          }),
      },
      'GET /api/v3/myTrades': { api: 'spot', signed: true, weight: 10, handle: (req, account) => this.#trades(req, must(account)) },
      'GET /api/v3/capital/deposit/hisrec': {
        api: 'spot',
        signed: true,
        weight: 1,
        handle: (req, account) => transfers(req, must(account).deposits, (d) => d.insertTime),
      },
      'GET /api/v3/capital/withdraw/history': {
        api: 'spot',
        signed: true,
        weight: 1,
        handle: (req, account) => transfers(req, must(account).withdrawals, (w) => w.applyTime),
      },
      'GET /api/v1/contract/detail': {
        api: 'contract',
        signed: false,
        weight: 1,
        ownLimit: MEXC_CONTRACT_DETAIL_BUDGET,
        handle: (req) => {
          const symbol = req.query.get('symbol');
          const details = this.#contracts.map(({ fairPrice: _fair, ...detail }) => ({ ...detail, displayNameEn: `${detail.symbol} PERPETUAL`, state: 0 }));
          if (symbol === null) return contractOk(details);
          const detail = details.find((c) => c.symbol === symbol);
          return detail === undefined ? contractError(1001, 'Contract does not exist') : contractOk(detail);
        },
      },
      'GET /api/v1/contract/ticker': {
        api: 'contract',
        signed: false,
        weight: 1,
        handle: (req) => {
          const contract = this.#contracts.find((c) => c.symbol === req.query.get('symbol'));
          if (contract === undefined) return contractError(1001, 'Contract does not exist');
          return contractOk({
            symbol: contract.symbol,
            lastPrice: contract.fairPrice,
            fairPrice: contract.fairPrice,
            indexPrice: contract.fairPrice,
            timestamp: this.now(),
          });
        },
      },
      'GET /api/v1/private/account/assets': {
        api: 'contract',
        signed: true,
        weight: 1,
        handle: (_req, account) => {
          const futures = must(account).futures;
          return futures === undefined ? contractError(1000, 'Account does not exist') : contractOk(futures);
        },
      },
      'GET /api/v1/private/position/funding_records': {
        api: 'contract',
        signed: true,
        weight: 1,
        handle: (req, account) => {
          const a = must(account);
          if (a.futures === undefined) return contractError(1000, 'Account does not exist');
          const pageNum = req.query.has('page_num') ? Number(req.query.get('page_num')) : 1;
          const pageSize = req.query.has('page_size') ? Number(req.query.get('page_size')) : 20;
          if (!Number.isInteger(pageNum) || pageNum < 1 || !Number.isInteger(pageSize) || pageSize < 1 || pageSize > 100) {
            return contractError(600, 'Parameter error: page_num ≥ 1, 1 ≤ page_size ≤ 100');
          }
          const symbol = req.query.get('symbol');
          const all = a.funding.filter((f) => symbol === null || f.symbol === symbol).sort((x, y) => y.settleTime - x.settleTime || y.id - x.id);
          return contractOk({
            pageSize,
            totalCount: all.length,
            totalPage: Math.ceil(all.length / pageSize),
            currentPage: pageNum,
            resultList: all.slice((pageNum - 1) * pageSize, pageNum * pageSize),
          });
        },
      },
      'GET /api/v1/private/account/transfer_record': {
        api: 'contract',
        signed: true,
        weight: 1,
        handle: (req, account) => {
          const a = must(account);
          if (a.futures === undefined) return contractError(1000, 'Account does not exist');
          const q = req.query;
          const rows = (a.futuresTransfers ?? [])
            .filter((t) => (!q.has('currency') || t.currency === q.get('currency')) && (!q.has('state') || t.state === q.get('state')))
            .filter((t) => !q.has('type') || t.type === q.get('type'))
            .sort((x, y) => y.createTime - x.createTime || y.id - x.id);
          return pagedResultList(req, rows);
        },
      },
      'GET /api/v1/private/position/list/history_positions': {
        api: 'contract',
        signed: true,
        weight: 1,
        handle: (req, account) => {
          const a = must(account);
          if (a.futures === undefined) return contractError(1000, 'Account does not exist');
          const page = pageOf(req);
          if (page === undefined) return contractError(600, 'Parameter error: page_num ≥ 1, 1 ≤ page_size ≤ 100');
          const symbol = req.query.get('symbol');
          const rows = (a.closedPositions ?? []).filter((p) => symbol === null || p.symbol === symbol).sort((x, y) => y.updateTime - x.updateTime);
          return contractOk(rows.slice((page.num - 1) * page.size, page.num * page.size));
        },
      },
      'GET /api/v1/private/order/list/order_deals': {
        api: 'contract',
        signed: true,
        weight: 1,
        handle: (req, account) => {
          const a = must(account);
          if (a.futures === undefined) return contractError(1000, 'Account does not exist');
          const q = req.query;
          const symbol = q.get('symbol');
          if (symbol === null || symbol === '') return contractError(600, 'Parameter error: symbol is required');
          const page = pageOf(req);
          if (page === undefined) return contractError(600, 'Parameter error: page_num ≥ 1, 1 ≤ page_size ≤ 100');
          // Without a range MEXC answers the last 7 days; a range may span at most 90 days.
          const end = q.has('end_time') ? Number(q.get('end_time')) : req.now;
          const start = q.has('start_time') ? Number(q.get('start_time')) : end - 7 * DAY;
          if (!Number.isFinite(start) || !Number.isFinite(end) || start > end) return contractError(600, 'Parameter error: start_time, end_time');
          if (end - start > 90 * DAY) return contractError(600, 'Parameter error: the time range cannot exceed 90 days');
          const rows = (a.futuresDeals ?? [])
            .filter((d) => d.symbol === symbol && d.timestamp >= start && d.timestamp <= end)
            .sort((x, y) => y.timestamp - x.timestamp || y.id - x.id);
          return contractOk(rows.slice((page.num - 1) * page.size, page.num * page.size));
        },
      },
      'GET /api/v1/private/position/open_positions': {
        api: 'contract',
        signed: true,
        weight: 1,
        handle: (req, account) => {
          const a = must(account);
          if (a.futures === undefined) return contractError(1000, 'Account does not exist');
          const symbol = req.query.get('symbol');
          return contractOk(a.positions.filter((p) => symbol === null || p.symbol === symbol));
        },
      },
    };
  }

  addAccount(account: MexcSimAccount): MexcSimAccount {
    this.#accounts.set(account.apiKey, account);
    return account;
  }

  /**
   * Sets a spot balance, as `GET /api/v3/account` serves it from now on, and pushes the protobuf
   * `spot@private.account.v3.api.pb` event (`type`: ENTRUST_PLACE, DEPOSIT, …).
   */
  setSpotBalance(apiKey: string, balance: { asset: string; free: string; locked: string }, type = 'DEPOSIT'): void {
    const account = this.account(apiKey);
    const index = account.balances.findIndex((b) => b.asset === balance.asset);
    const before = index < 0 ? undefined : account.balances[index];
    if (index < 0) account.balances.push({ ...balance });
    else account.balances[index] = { ...balance };
    const at = this.now();
    this.#stream.pushSpotAccount(apiKey, {
      vcoinName: balance.asset,
      coinId: `${balance.asset.toLowerCase()}-coin-id`,
      balanceAmount: balance.free,
      balanceAmountChange: dec(balance.free)
        .minus(before?.free ?? '0')
        .toFixed(),
      frozenAmount: balance.locked,
      frozenAmountChange: dec(balance.locked)
        .minus(before?.locked ?? '0')
        .toFixed(),
      type,
      time: at,
    });
  }

  /**
   * Replaces a futures wallet (`GET /api/v1/private/account/assets`) and pushes `push.personal.asset`
   * with the fields MEXC documents for it (no cash balance, no unrealized PnL).
   */
  setFuturesAsset(apiKey: string, asset: MexcWireFuturesAsset): void {
    const account = this.account(apiKey);
    account.futures = [...(account.futures ?? []).filter((f) => f.currency !== asset.currency), asset];
    const { currency, positionMargin, availableBalance, frozenBalance, bonus } = asset;
    this.#stream.pushContract(apiKey, 'push.personal.asset', { currency, positionMargin, availableBalance, frozenBalance, bonus });
  }

  /**
   * Opens, changes or (with `holdVol` 0, state 3) closes a futures position, as
   * `GET /api/v1/private/position/open_positions` serves it from now on, and pushes
   * `push.personal.position` with the position's fields (MEXC's push has no mark price or PnL).
   */
  movePosition(apiKey: string, position: MexcWirePosition): void {
    const account = this.account(apiKey);
    const closed = position.holdVol === 0;
    const row = closed ? { ...position, state: 3 } : position;
    account.positions = [...account.positions.filter((p) => p.positionId !== position.positionId), ...(closed ? [] : [row])];
    const { createTime: _created, updateTime: _updated, ...pushed } = row;
    this.#stream.pushContract(apiKey, 'push.personal.position', pushed);
  }

  /** Spot connections of this key subscribed to the account channel, or (`login`) logged-in futures connections. */
  streamSubscribers(apiKey: string, channel: typeof MEXC_ACCOUNT_CHANNEL | 'login'): number {
    return this.#stream.subscribers(apiKey, channel);
  }

  /** Drops every stream connection, as MEXC does when a push server restarts. */
  dropStreams(): void {
    this.#stream.endpoint.close();
  }

  /** Resolves once no stream connection is open. */
  streamIdle(): Promise<void> {
    return this.#stream.endpoint.idle();
  }

  override stop(): Promise<void> {
    this.#stream.endpoint.close();
    return super.stop();
  }

  account(apiKey: string): MexcSimAccount {
    const account = this.#accounts.get(apiKey);
    if (account === undefined) throw new Error(`No simulated MEXC account has the API key ${apiKey}.`);
    return account;
  }

  #handle(request: SimulatorRequest): SimulatorResponse {
    const endpoint = this.#endpoints[`${request.method} ${request.path}`];
    if (endpoint === undefined) return { status: 404, json: { code: 404, msg: `Not Found: ${request.path}` } };
    if (this.maintenance) {
      return endpoint.api === 'spot' ? spotError(503, 503, 'service not available, please try again') : contractError(801, 'System under maintenance');
    }
    let account: MexcSimAccount | undefined;
    if (endpoint.signed) {
      const authenticated = endpoint.api === 'spot' ? this.#authenticateSpot(request) : this.#authenticateContract(request);
      if ('response' in authenticated) return authenticated.response;
      account = authenticated.account;
    }
    const bucket = `${endpoint.api === 'spot' ? 'ip' : (account?.apiKey ?? 'ip')} ${request.path}`;
    const waitMs =
      endpoint.api === 'spot'
        ? (this.#limiter.charge(bucket, endpoint.weight, this.#spotBudget, this.now()) ??
          (endpoint.ownLimit === undefined ? undefined : this.#limiter.charge(`${bucket} requests`, 1, endpoint.ownLimit, this.now())))
        : this.#limiter.charge(bucket, endpoint.weight, endpoint.ownLimit ?? this.#contractBudget, this.now());
    if (waitMs !== undefined) {
      return endpoint.api === 'spot'
        ? { ...spotError(429, 429, 'Too Many Requests'), headers: { 'retry-after': String(Math.ceil(waitMs / 1000)) } }
        : contractError(510, 'Requests are too frequent, please try again later');
    }
    return endpoint.handle(request, account);
  }

  /** MEXC spot's checks, in its order: key, recvWindow, timestamp, IP, signature. */
  #authenticateSpot(request: SimulatorRequest): { account: MexcSimAccount } | { response: SimulatorResponse } {
    const key = request.headers['x-mexc-apikey'];
    if (key === undefined || key === '') return { response: spotError(400, 400, 'api key required') };
    const account = this.#accounts.get(key);
    if (account === undefined) return { response: spotError(400, 10072, 'Api key info invalid') };
    const q = request.query;
    const recvWindow = q.has('recvWindow') ? Number(q.get('recvWindow')) : 5_000;
    if (!Number.isFinite(recvWindow) || recvWindow > MAX_RECV_WINDOW) return { response: spotError(400, 700005, 'recvWindow must less than 60000') };
    const timestamp = Number(q.get('timestamp'));
    if (!Number.isFinite(timestamp) || !(timestamp < request.now + 1_000 && request.now - timestamp <= recvWindow)) {
      return { response: spotError(400, 700003, 'Timestamp for this request is outside of the recvWindow.') };
    }
    if (account.ipBound === true) return { response: spotError(400, 700006, 'IP [127.0.0.1] not in the ip white list') };
    const at = request.rawQuery.lastIndexOf('&signature=');
    const signed = at < 0 ? '' : request.rawQuery.slice(0, at);
    const signature = at < 0 ? '' : request.rawQuery.slice(at + '&signature='.length);
    if (!isValidMexcSignature(account.secret, signature, `${signed}${request.body}`))
      return { response: spotError(400, 700002, 'Signature for this request is not valid.') };
    return { account };
  }

  /** The contract API's checks: key, Request-Time within 10 s, IP, signature over ApiKey + Request-Time + sorted parameters. */
  #authenticateContract(request: SimulatorRequest): { account: MexcSimAccount } | { response: SimulatorResponse } {
    const h = request.headers;
    const key = h.apikey;
    const requestTime = h['request-time'];
    const signature = h.signature;
    if (key === undefined || key === '') return { response: contractError(401, 'Not logged in or login has expired') };
    const account = this.#accounts.get(key);
    if (account === undefined) return { response: contractError(10072, 'Invalid access key') };
    const at = Number(requestTime);
    if (requestTime === undefined || !/^\d+$/.test(requestTime) || Math.abs(request.now - at) > CONTRACT_SKEW_MS) {
      return { response: contractError(10073, 'Invalid Request-Time') };
    }
    if (account.ipBound === true) return { response: contractError(406, 'Accessing IP is not in the whitelist') };
    const payload = `${key}${requestTime}${request.method === 'GET' ? mexcContractParamString(request.query) : request.body}`;
    if (!isValidMexcSignature(account.secret, signature ?? '', payload)) return { response: contractError(602, 'Signature verification failed!') };
    return { account };
  }

  #trades(request: SimulatorRequest, account: MexcSimAccount): SimulatorResponse {
    const q = request.query;
    const symbol = q.get('symbol');
    if (symbol === null || symbol === '') return spotError(400, 700004, "Mandatory parameter 'symbol' was not sent, was empty/null, or malformed.");
    if (!this.#symbols.some((s) => s.symbol === symbol)) return spotError(400, -1121, 'Invalid symbol.');
    const limit = q.has('limit') ? Number(q.get('limit')) : 100;
    if (!Number.isInteger(limit) || limit < 1 || limit > 100) return spotError(400, 33333, 'limit must be between 1 and 100');
    // One month is all MEXC keeps behind this endpoint.
    const floor = request.now - 30 * DAY;
    const start = Math.max(floor, q.has('startTime') ? Number(q.get('startTime')) : floor);
    const end = q.has('endTime') ? Number(q.get('endTime')) : request.now;
    const rows = account.trades
      .filter((t) => t.symbol === symbol && t.time >= start && t.time <= end)
      .sort((a, b) => a.time - b.time || (BigInt(a.id) < BigInt(b.id) ? -1 : 1));
    return ok(rows.slice(0, limit));
  }
}

/** Deposit and withdrawal history: at most 7 days per request, nothing older than 90 days, ≤ 1000 rows, newest first. */
function transfers<T>(request: SimulatorRequest, all: readonly T[], timeOf: (row: T) => number): SimulatorResponse {
  const q = request.query;
  const limit = q.has('limit') ? Number(q.get('limit')) : 1000;
  if (!Number.isInteger(limit) || limit < 1 || limit > 1000) return spotError(400, 33333, 'limit must be between 1 and 1000');
  const end = q.has('endTime') ? Number(q.get('endTime')) : request.now;
  const start = q.has('startTime') ? Number(q.get('startTime')) : end - 7 * DAY;
  if (start < request.now - 90 * DAY) return spotError(400, 400, 'The start time cannot be earlier than 90 days');
  if (end - start > 7 * DAY) return spotError(400, 400, 'The time range cannot exceed 7 days');
  const rows = all.filter((r) => timeOf(r) >= start && timeOf(r) <= end).sort((a, b) => timeOf(b) - timeOf(a));
  return ok(rows.slice(0, limit));
}

/** The contract API's `page_num` (from 1) and `page_size` (1–100, default 20); undefined when out of range. */
function pageOf(request: SimulatorRequest): { num: number; size: number } | undefined {
  const num = request.query.has('page_num') ? Number(request.query.get('page_num')) : 1;
  const size = request.query.has('page_size') ? Number(request.query.get('page_size')) : 20;
  if (!Number.isInteger(num) || num < 1 || !Number.isInteger(size) || size < 1 || size > 100) return undefined;
  return { num, size };
}

/** A contract API page in MEXC's `{ pageSize, totalCount, totalPage, currentPage, resultList }` envelope. */
function pagedResultList<T>(request: SimulatorRequest, all: readonly T[]): SimulatorResponse {
  const page = pageOf(request);
  if (page === undefined) return contractError(600, 'Parameter error: page_num ≥ 1, 1 ≤ page_size ≤ 100');
  return contractOk({
    pageSize: page.size,
    totalCount: all.length,
    totalPage: Math.ceil(all.length / page.size),
    currentPage: page.num,
    resultList: all.slice((page.num - 1) * page.size, page.num * page.size),
  });
}

function symbolInfo(s: MexcWireSymbol) {
  return {
    ...s,
    baseAssetPrecision: 6,
    quotePrecision: 2,
    quoteAssetPrecision: 2,
    baseCommissionPrecision: 6,
    quoteCommissionPrecision: 2,
    orderTypes: ['LIMIT', 'MARKET', 'LIMIT_MAKER'],
    isSpotTradingAllowed: s.status === '1',
    isMarginTradingAllowed: false,
    quoteAmountPrecision: '5',
    baseSizePrecision: '0',
    permissions: ['SPOT'],
    filters: [],
    maxQuoteAmount: '2000000',
    makerCommission: '0',
    takerCommission: '0.0005',
    fullName: s.baseAsset,
    tradeSideType: '1',
  };
}
