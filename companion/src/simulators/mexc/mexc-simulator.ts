import { HostedSimulator } from '../framework/hosted-simulator.js';
import { type SimulatorClock, type SimulatorRequest, type SimulatorResponse, SimulatorServer } from '../framework/simulator-server.js';
import { MEXC_DEMO_CONTRACTS, MEXC_DEMO_SYMBOLS } from './demo-account.js';
import { MEXC_CONTRACT_BUDGET, MEXC_SPOT_IP_BUDGET, type MexcBudget, MexcRateLimiter } from './mexc-rate-limits.js';
import { isValidMexcSignature, mexcContractParamString } from './mexc-signature.js';
import type { MexcSimAccount, MexcWireContract, MexcWireSymbol } from './mexc-sim-account.js';

/**
 * A local MEXC API for tests and the demo: spot v3 under `/api/v3` and the futures contract API
 * under `/api/v1`. It answers what the MEXC connector calls and behaves like MEXC where a client can
 * get it wrong:
 *
 * - spot: `X-MEXC-APIKEY` plus `timestamp`, `recvWindow` (≤ 60000, else 700005) and `signature` in
 *   the query; the signature is re-derived over the query as sent; MEXC's timing rule
 *   (timestamp < server + 1000 and server − timestamp ≤ recvWindow, else 700003); unknown key 10072,
 *   bad signature 700002, IP not allowed 700006; HTTP 429 `{ code: 429 }` with Retry-After over a
 *   per-endpoint weight budget; 503 in maintenance;
 * - futures: `ApiKey`, `Request-Time` (within 10 s, else 10073) and `Signature` headers over ApiKey +
 *   Request-Time + sorted parameters; `{ success: false, code }` answers with HTTP 200 (602 bad
 *   signature, 10072 unknown key, 406 IP, 510 too frequent, 1000 no futures account);
 * - funding records page newest first with `page_num`/`page_size` (≤ 100), without a time filter;
 * - histories: `myTrades` needs a symbol, keeps one month, returns at most `limit` (≤ 100) trades,
 *   oldest first from `startTime`; deposit and withdrawal history answer at most 7 days per request
 *   and nothing older than 90 days (400 "The start time cannot be earlier than 90 days"), ≤ 1000 rows.
 */

export interface MexcSimulatorOptions {
  clock?: SimulatorClock;
  /** The spot per-endpoint weight budget; MEXC's documented 20 000 per minute unless a test needs a smaller one. */
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
    this.#endpoints = {
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
    const budget = endpoint.api === 'spot' ? this.#spotBudget : this.#contractBudget;
    const bucket = `${endpoint.api === 'spot' ? 'ip' : (account?.apiKey ?? 'ip')} ${request.path}`;
    const waitMs = this.#limiter.charge(bucket, endpoint.weight, budget, this.now());
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
