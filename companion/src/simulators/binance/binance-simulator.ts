import { dec } from '@omnifolio/shared/money';
import { HostedSimulator } from '../framework/hosted-simulator.js';
import { type SimulatorClock, type SimulatorRequest, type SimulatorResponse, SimulatorServer } from '../framework/simulator-server.js';
import { upgradeTo } from '../framework/websocket-endpoint.js';
import { type BinanceFuturesKind, type FuturesPositionMove, moveFuturesPosition } from './binance-futures-moves.js';
import { BinanceFuturesUserStream } from './binance-futures-user-stream.js';
import { marginInterestHistory, marginMyTrades } from './binance-margin-history.js';
import { type BinanceMarketSpec, DEFAULT_BINANCE_MARKETS, toExchangeInfoSymbol } from './binance-markets.js';
import { extractSignedPayload, isValidBinanceSignature } from './binance-signature.js';
import {
  type BinanceSimAccount,
  type BinanceWireBalance,
  type BinanceWireDeposit,
  type BinanceWireTrade,
  type BinanceWireWithdrawal,
  parseBinanceApplyTime,
  toBinanceApplyTime,
} from './binance-sim-account.js';
import { BinanceUserDataStream } from './binance-user-data-stream.js';
import { binanceWalletEndpoints } from './binance-wallet-endpoints.js';
import { WeightLimiter } from './binance-weight-limiter.js';

/**
 * A local Binance API for tests and the demo portfolio. It serves what ccxt calls for spot
 * balances, trade history, deposits, withdrawals and key permissions, plus the funding, cross
 * margin, Simple Earn, USDⓈ-M and COIN-M futures endpoints (binance-wallet-endpoints.ts), and behaves like
 * Binance where a client can get it wrong:
 *
 * - private requests are checked as Binance checks them: `X-MBX-APIKEY`, an HMAC-SHA256
 *   signature over the exact query string and body, `timestamp` within `recvWindow`
 *   (default 5000, at most 60000; at most 1 s ahead of the server);
 * - every answer carries the used weight (`X-MBX-USED-WEIGHT-1M` for `/api`,
 *   `X-SAPI-USED-IP-WEIGHT-1M` / `X-SAPI-USED-UID-WEIGHT-1M` for `/sapi`) with Binance's real
 *   endpoint weights, and the limits are enforced with 429 + Retry-After, then 418 bans;
 * - `myTrades` pages exactly like Binance (symbol required, `fromId` inclusive, ascending
 *   ids, `limit` at most 1000, 24-hour time windows); deposit and withdrawal history answer
 *   at most 90 days per request, newest first, with `offset`/`limit` paging.
 *
 * Start it with `await sim.start()` (resolves to the base URL) and point a connector at it
 * through `ctx.baseUrls.binance`. Script accounts with `addAccount`, faults with
 * `sim.faults.push(...)`, clock trouble with `setClockOffset`.
 */

export interface BinanceSimulatorOptions {
  /** Shared with the connector in tests so both agree on "now"; real time by default. */
  clock?: SimulatorClock;
  markets?: readonly BinanceMarketSpec[];
  /** Binance: 6000 per minute per IP for `/api`. */
  weightLimitPerMinute?: number;
  /** Binance: 12000 per minute per IP for `/sapi` IP-weighted endpoints. */
  sapiIpWeightLimitPerMinute?: number;
  /** Binance: 180000 per minute per account for `/sapi` UID-weighted endpoints. */
  sapiUidWeightLimitPerMinute?: number;
  /** Binance: 2400 per minute per IP for USDⓈ-M (`/fapi`) and, separately, for COIN-M (`/dapi`). */
  futuresWeightLimitPerMinute?: number;
  banAfterViolations?: number;
  banSeconds?: number;
}

type WeightCounter = 'ip' | 'sapiIp' | 'sapiUid' | 'fapi' | 'dapi';

interface Endpoint {
  /** Binance's published request weight. */
  weight: (query: URLSearchParams) => number;
  counter: WeightCounter;
  signed: boolean;
  handle: (request: SimulatorRequest, account: BinanceSimAccount | undefined) => SimulatorResponse;
}

const DAY_MS = 86_400_000;
const NINETY_DAYS_MS = 90 * DAY_MS;
const MAX_RECV_WINDOW_MS = 60_000;
const DEFAULT_RECV_WINDOW_MS = 5_000;

const WEIGHT_HEADERS: Record<WeightCounter, string> = {
  ip: 'x-mbx-used-weight-1m',
  sapiIp: 'x-sapi-used-ip-weight-1m',
  sapiUid: 'x-sapi-used-uid-weight-1m',
  fapi: 'x-mbx-used-weight-1m',
  dapi: 'x-mbx-used-weight-1m',
};

export interface AddTradeInput {
  symbol: string;
  side: 'BUY' | 'SELL';
  qty: string;
  price: string;
  commission?: string;
  commissionAsset?: string;
  /** Defaults to the simulator's now. */
  time?: number;
  isMaker?: boolean;
}

export interface AddDepositInput {
  coin: string;
  amount: string;
  network?: string;
  status?: number;
  insertTime?: number;
  txId?: string;
}

export interface AddWithdrawalInput {
  coin: string;
  amount: string;
  transactionFee: string;
  network?: string;
  status?: number;
  applyTime?: number;
}

export class BinanceSimulator extends HostedSimulator {
  protected readonly server: SimulatorServer;
  readonly #accounts = new Map<string, BinanceSimAccount>();
  readonly #markets: Map<string, BinanceMarketSpec>;
  readonly #ipWeight: WeightLimiter;
  readonly #sapiIpWeight: WeightLimiter;
  readonly #fapiWeight: WeightLimiter;
  readonly #dapiWeight: WeightLimiter;
  readonly #sapiUidWeight = new Map<string, WeightLimiter>();
  readonly #options: BinanceSimulatorOptions;
  readonly #endpoints: Record<string, Endpoint>;
  readonly #spent: Record<WeightCounter, number> = { ip: 0, sapiIp: 0, sapiUid: 0, fapi: 0, dapi: 0 };
  #sequence = 0;
  readonly #userData: BinanceUserDataStream;
  readonly #futuresUserData: BinanceFuturesUserStream;

  constructor(options: BinanceSimulatorOptions = {}) {
    super();
    this.#options = options;
    this.#markets = new Map((options.markets ?? DEFAULT_BINANCE_MARKETS).map((m) => [m.symbol, m]));
    const ban = { banAfterViolations: options.banAfterViolations, banSeconds: options.banSeconds };
    this.#ipWeight = new WeightLimiter({ limitPerMinute: options.weightLimitPerMinute ?? 6_000, ...ban });
    this.#sapiIpWeight = new WeightLimiter({ limitPerMinute: options.sapiIpWeightLimitPerMinute ?? 12_000, ...ban });
    this.#fapiWeight = new WeightLimiter({ limitPerMinute: options.futuresWeightLimitPerMinute ?? 2_400, ...ban });
    this.#dapiWeight = new WeightLimiter({ limitPerMinute: options.futuresWeightLimitPerMinute ?? 2_400, ...ban });
    this.server = new SimulatorServer({
      clock: options.clock,
      handler: (request) => this.#handle(request),
      statusBody: (fault, request) => this.#faultBody(fault.status, request.now, fault.retryAfterSeconds),
      statusHeaders: (_fault, request) => this.#weightHeader(request.path, this.server.now()),
      upgrade: (req, socket, head) => upgradeTo(this.server.requests, () => this.now(), this.#userData, this.#futuresUserData)(req, socket, head),
    });
    this.#userData = new BinanceUserDataStream({ account: (apiKey) => this.#accounts.get(apiKey), now: () => this.now(), requests: this.server.requests });
    this.#futuresUserData = new BinanceFuturesUserStream({
      account: (apiKey) => this.#accounts.get(apiKey),
      now: () => this.now(),
      requests: this.server.requests,
    });
    this.#endpoints = {
      'GET /api/v3/ping': { weight: () => 1, counter: 'ip', signed: false, handle: () => ({ status: 200, json: {} }) },
      'GET /api/v3/time': { weight: () => 1, counter: 'ip', signed: false, handle: (req) => ({ status: 200, json: { serverTime: req.now } }) },
      'GET /api/v3/exchangeInfo': { weight: () => 20, counter: 'ip', signed: false, handle: (req) => this.#exchangeInfo(req) },
      'GET /api/v3/account': { weight: () => 20, counter: 'ip', signed: true, handle: (req, account) => this.#accountInfo(req, must(account)) },
      'GET /api/v3/myTrades': {
        weight: (q) => (q.has('orderId') ? 5 : 20),
        counter: 'ip',
        signed: true,
        handle: (req, account) => this.#myTrades(req, must(account)),
      },
      'GET /sapi/v1/account/apiRestrictions': {
        weight: () => 1,
        counter: 'sapiIp',
        signed: true,
        handle: (_req, account) => ({ status: 200, json: must(account).permissions }),
      },
      'GET /sapi/v1/capital/deposit/hisrec': { weight: () => 1, counter: 'sapiIp', signed: true, handle: (req, account) => this.#deposits(req, must(account)) },
      'GET /sapi/v1/capital/withdraw/history': {
        // Binance: "Weight(UID): 18000, Request limit: 10 requests per second".
        weight: () => 18_000,
        counter: 'sapiUid',
        signed: true,
        handle: (req, account) => this.#withdrawals(req, must(account)),
      },
      // https://developers.binance.com/docs/margin_trading/trade/Query-Margin-Account-Trade-List: "Request Weight 10(IP)".
      'GET /sapi/v1/margin/myTrades': {
        weight: () => 10,
        counter: 'sapiIp',
        signed: true,
        handle: (req, account) => marginMyTrades(req, must(account), (symbol) => this.#markets.has(symbol)),
      },
      // https://developers.binance.com/docs/margin_trading/borrow-and-repay/Get-Interest-History: "Request Weight 1(IP)".
      'GET /sapi/v1/margin/interestHistory': {
        weight: () => 1,
        counter: 'sapiIp',
        signed: true,
        handle: (req, account) => marginInterestHistory(req, must(account)),
      },
      ...binanceWalletEndpoints(),
      ...this.#futuresUserData.endpoints(),
    };
  }

  /** Sets the `/api` weight already used this minute, as if other programs on the IP had spent it. */
  setUsedWeight(weight: number): void {
    this.#ipWeight.setUsed(this.now(), weight);
  }

  usedWeight(): number {
    return this.#ipWeight.used(this.now());
  }

  /** Request weight charged since the simulator started, per counter (for benchmarks). */
  spentWeight(): Readonly<Record<WeightCounter, number>> {
    return { ...this.#spent };
  }

  /** The weight used this minute on the USDⓈ-M (`fapi`) or COIN-M (`dapi`) futures API. */
  usedFuturesWeight(api: 'fapi' | 'dapi'): number {
    return (api === 'fapi' ? this.#fapiWeight : this.#dapiWeight).used(this.now());
  }

  addAccount(account: BinanceSimAccount): BinanceSimAccount {
    this.#accounts.set(account.apiKey, account);
    return account;
  }

  account(apiKey: string): BinanceSimAccount {
    const account = this.#accounts.get(apiKey);
    if (account === undefined) throw new Error(`No simulated Binance account has the API key ${apiKey}.`);
    return account;
  }

  /** Records a trade with the next id for its symbol, as Binance would number it. */
  addTrade(apiKey: string, input: AddTradeInput): BinanceWireTrade {
    const account = this.account(apiKey);
    if (!this.#markets.has(input.symbol)) throw new Error(`The simulator lists no market ${input.symbol}.`);
    const sameSymbol = account.trades.filter((t) => t.symbol === input.symbol);
    const id = sameSymbol.reduce((max, t) => Math.max(max, Number(t.id)), 100_000) + 1;
    const orderId = account.trades.reduce((max, t) => Math.max(max, Number(t.orderId)), 9_000_000) + 1;
    const market = this.#markets.get(input.symbol) as BinanceMarketSpec;
    const trade: BinanceWireTrade = {
      symbol: input.symbol,
      id,
      orderId,
      orderListId: -1,
      price: dec(input.price).toFixed(8),
      qty: dec(input.qty).toFixed(8),
      quoteQty: dec(input.price).mul(input.qty).toFixed(8),
      commission: dec(input.commission ?? '0').toFixed(8),
      commissionAsset: input.commissionAsset ?? (input.side === 'BUY' ? market.baseAsset : market.quoteAsset),
      time: input.time ?? this.now(),
      isBuyer: input.side === 'BUY',
      isMaker: input.isMaker ?? false,
      isBestMatch: true,
    };
    account.trades.push(trade);
    return trade;
  }

  addDeposit(apiKey: string, input: AddDepositInput): BinanceWireDeposit {
    const account = this.account(apiKey);
    const insertTime = input.insertTime ?? this.now();
    const deposit: BinanceWireDeposit = {
      id: String(800_000_000_000_000_000n + BigInt(this.#nextSequence())),
      amount: input.amount,
      coin: input.coin,
      network: input.network ?? input.coin,
      status: input.status ?? 1,
      address: `sim-address-${input.coin.toLowerCase()}`,
      addressTag: '',
      txId: input.txId ?? `0x${this.#nextSequence().toString(16).padStart(64, '0')}`,
      insertTime,
      completeTime: insertTime + 120_000,
      transferType: 0,
      confirmTimes: '1/1',
      unlockConfirm: 0,
      walletType: 0,
      travelRuleStatus: 0,
    };
    account.deposits.push(deposit);
    return deposit;
  }

  addWithdrawal(apiKey: string, input: AddWithdrawalInput): BinanceWireWithdrawal {
    const account = this.account(apiKey);
    const applyTime = input.applyTime ?? this.now();
    const withdrawal: BinanceWireWithdrawal = {
      id: this.#nextSequence().toString(16).padStart(32, '0'),
      amount: input.amount,
      transactionFee: input.transactionFee,
      coin: input.coin,
      status: input.status ?? 6,
      address: `sim-destination-${input.coin.toLowerCase()}`,
      txId: `0x${this.#nextSequence().toString(16).padStart(64, '0')}`,
      applyTime: toBinanceApplyTime(applyTime),
      network: input.network ?? input.coin,
      transferType: 0,
      info: '',
      confirmNo: 12,
      walletType: 0,
      txKey: '',
      completeTime: toBinanceApplyTime(applyTime + 300_000),
    };
    account.withdrawals.push(withdrawal);
    return withdrawal;
  }

  /**
   * Sets spot balances (absolute, per asset; an asset not held yet is added) and tells every
   * user data stream subscriber of the key, as Binance does after any balance change:
   * `outboundAccountPosition` with the assets that changed.
   */
  setSpotBalances(apiKey: string, changes: readonly BinanceWireBalance[], eventTime = this.now()): void {
    const account = this.account(apiKey);
    const changed = changes.map((c) => ({ asset: c.asset, free: dec(c.free).toFixed(8), locked: dec(c.locked).toFixed(8) }));
    for (const balance of changed) {
      const held = account.balances.find((b) => b.asset === balance.asset);
      if (held === undefined) account.balances.push(balance);
      else Object.assign(held, balance);
    }
    this.#userData.push(apiKey, {
      e: 'outboundAccountPosition',
      E: eventTime,
      u: eventTime,
      B: changed.map((b) => ({ a: b.asset, f: b.free, l: b.locked })),
    });
  }

  /**
   * A deposit arrives: it is added to the history, credited to the spot balance, and the stream
   * says so the way Binance does, first `balanceUpdate` (the delta), then `outboundAccountPosition`.
   */
  creditDeposit(apiKey: string, input: AddDepositInput): BinanceWireDeposit {
    const deposit = this.addDeposit(apiKey, input);
    const account = this.account(apiKey);
    const held = account.balances.find((b) => b.asset === input.coin);
    const free = dec(held?.free ?? '0').plus(input.amount);
    const now = this.now();
    this.#userData.push(apiKey, { e: 'balanceUpdate', E: now, a: input.coin, d: dec(input.amount).toFixed(8), T: now });
    this.setSpotBalances(apiKey, [{ asset: input.coin, free: free.toFixed(8), locked: held?.locked ?? '0' }], now);
    return deposit;
  }

  /**
   * A fill changes a USDⓈ-M or COIN-M position (binance-futures-moves.ts): the state the REST
   * endpoints serve moves, and every futures user data stream of the key gets the
   * `ACCOUNT_UPDATE` Binance sends for it. Returns the event.
   */
  moveFuturesPosition(apiKey: string, kind: BinanceFuturesKind, move: FuturesPositionMove): Record<string, unknown> {
    const account = this.account(apiKey);
    const state = account[kind];
    if (state === undefined) throw new Error(`The simulated account ${apiKey} has no ${kind} futures wallet to move a position in.`);
    const event = moveFuturesPosition(state, kind, move, this.now());
    this.#futuresUserData.push(apiKey, kind === 'usdm' ? 'fapi' : 'dapi', event);
    return event;
  }

  /** Subscriptions to this key's spot user data stream right now. */
  userDataSubscribers(apiKey: string): number {
    return this.#userData.subscribers(apiKey);
  }

  /** Connections to this key's USDⓈ-M or COIN-M user data stream right now. */
  futuresUserDataConnections(apiKey: string, kind: BinanceFuturesKind): number {
    return this.#futuresUserData.connections(apiKey, kind === 'usdm' ? 'fapi' : 'dapi');
  }

  /** This key's valid listen key on the USDⓈ-M or COIN-M API, if it has one. */
  futuresListenKey(apiKey: string, kind: BinanceFuturesKind): string | undefined {
    return this.#futuresUserData.listenKey(apiKey, kind === 'usdm' ? 'fapi' : 'dapi');
  }

  /** Open user data connections, spot WebSocket API and futures streams, subscribed or not. */
  get userDataConnections(): number {
    return this.#userData.connections + this.#futuresUserData.totalConnections;
  }

  /** Resolves once every user data connection (spot and futures) has closed. */
  async userDataIdle(): Promise<void> {
    await Promise.all([this.#userData.idle(), this.#futuresUserData.idle()]);
  }

  override stop(): Promise<void> {
    this.#userData.close();
    this.#futuresUserData.close();
    return super.stop();
  }

  #nextSequence(): number {
    this.#sequence += 1;
    return this.#sequence;
  }

  // ---------------------------------------------------------------- request pipeline

  #handle(request: SimulatorRequest): SimulatorResponse {
    const endpoint = this.#endpoints[`${request.method} ${request.path}`];
    if (endpoint === undefined) return { status: 404, text: 'Not Found' };
    // Limits are measured on Binance's steady clock, not on a request's scripted skew.
    const now = this.now();

    this.#spent[endpoint.counter] += endpoint.weight(request.query);
    if (endpoint.counter !== 'sapiUid') {
      const refused = this.#charge(this.#limiterOf(endpoint.counter), endpoint.weight(request.query), now, WEIGHT_HEADERS[endpoint.counter]);
      if (refused !== undefined) return refused;
    }

    let account: BinanceSimAccount | undefined;
    if (endpoint.signed) {
      const authenticated = this.#authenticate(request);
      if ('response' in authenticated) return this.#withWeight(request.path, authenticated.response, now);
      account = authenticated.account;
    }

    if (endpoint.counter === 'sapiUid') {
      const limiter = this.#uidLimiter(must(account).apiKey);
      const refused = this.#charge(limiter, endpoint.weight(request.query), now, WEIGHT_HEADERS.sapiUid);
      if (refused !== undefined) return refused;
      return { ...endpoint.handle(request, account), headers: { [WEIGHT_HEADERS.sapiUid]: String(limiter.used(now)) } };
    }
    return this.#withWeight(request.path, endpoint.handle(request, account), now);
  }

  #limiterOf(counter: Exclude<WeightCounter, 'sapiUid'>): WeightLimiter {
    if (counter === 'fapi') return this.#fapiWeight;
    if (counter === 'dapi') return this.#dapiWeight;
    return counter === 'ip' ? this.#ipWeight : this.#sapiIpWeight;
  }

  #charge(limiter: WeightLimiter, weight: number, now: number, header: string): SimulatorResponse | undefined {
    const decision = limiter.charge(now, weight);
    const headers = { [header]: String(decision.usedWeight) };
    if (decision.kind === 'ok') return undefined;
    const status = decision.kind === 'banned' ? 418 : 429;
    return {
      status,
      headers: { ...headers, 'retry-after': String(decision.retryAfterSeconds) },
      json: this.#faultBody(status, now, decision.retryAfterSeconds, limiter.limitPerMinute),
    };
  }

  #uidLimiter(apiKey: string): WeightLimiter {
    let limiter = this.#sapiUidWeight.get(apiKey);
    if (limiter === undefined) {
      limiter = new WeightLimiter({ limitPerMinute: this.#options.sapiUidWeightLimitPerMinute ?? 180_000 });
      this.#sapiUidWeight.set(apiKey, limiter);
    }
    return limiter;
  }

  #withWeight(path: string, response: SimulatorResponse, now: number): SimulatorResponse {
    return { ...response, headers: { ...response.headers, ...this.#weightHeader(path, now) } };
  }

  #weightHeader(path: string, now: number): Record<string, string> {
    if (path.startsWith('/sapi/')) return { [WEIGHT_HEADERS.sapiIp]: String(this.#sapiIpWeight.used(now)) };
    if (path.startsWith('/fapi/')) return { [WEIGHT_HEADERS.fapi]: String(this.#fapiWeight.used(now)) };
    if (path.startsWith('/dapi/')) return { [WEIGHT_HEADERS.dapi]: String(this.#dapiWeight.used(now)) };
    return { [WEIGHT_HEADERS.ip]: String(this.#ipWeight.used(now)) };
  }

  #faultBody(status: number, now: number, retryAfterSeconds?: number, limit = this.#ipWeight.limitPerMinute): unknown {
    switch (status) {
      case 429:
        return error(
          -1003,
          `Too much request weight used; current limit is ${limit} request weight per 1 MINUTE. Please use WebSocket Streams for live updates to avoid polling the API.`,
        );
      case 418:
        return error(
          -1003,
          `Way too much request weight used; IP banned until ${now + (retryAfterSeconds ?? 120) * 1000}. Please use WebSocket Streams for live updates to avoid bans.`,
        );
      case 503:
        return error(-1008, 'Server is currently overloaded with other requests. Please try again in a few minutes.');
      default:
        return error(-1001, 'Internal error; unable to process your request. Please try again.');
    }
  }

  /** Binance's checks for SIGNED endpoints, in the order that matters to a client. */
  #authenticate(request: SimulatorRequest): { account: BinanceSimAccount } | { response: SimulatorResponse } {
    const apiKey = request.headers['x-mbx-apikey'];
    if (apiKey === undefined || apiKey === '') return { response: { status: 401, json: error(-2014, 'API-key format invalid.') } };
    const account = this.#accounts.get(apiKey);
    const invalidKey = { response: { status: 401, json: error(-2015, 'Invalid API-key, IP, or permissions for action.') } };
    if (account === undefined) return invalidKey;
    if (account.permissions.ipRestrict && !(account.allowedIps ?? []).includes('127.0.0.1')) return invalidKey;

    const params = new URLSearchParams(`${request.rawQuery}&${request.body}`);
    const timestamp = Number(params.get('timestamp'));
    if (!params.has('timestamp') || !Number.isFinite(timestamp)) return { response: { status: 400, json: mandatory('timestamp') } };
    const recvWindow = params.has('recvWindow') ? Number(params.get('recvWindow')) : DEFAULT_RECV_WINDOW_MS;
    if (!Number.isFinite(recvWindow) || recvWindow > MAX_RECV_WINDOW_MS) {
      return { response: { status: 400, json: error(-1131, 'recvWindow must be less than 60000') } };
    }

    const payload = extractSignedPayload(request.rawQuery, request.body);
    if (payload.signature === undefined) return { response: { status: 400, json: mandatory('signature') } };
    if (!isValidBinanceSignature(account.secret, payload)) {
      return { response: { status: 400, json: error(-1022, 'Signature for this request is not valid.') } };
    }

    // Binance: process if timestamp < serverTime + 1000 and serverTime - timestamp <= recvWindow.
    if (timestamp >= request.now + 1_000) {
      return { response: { status: 400, json: error(-1021, "Timestamp for this request was 1000ms ahead of the server's time.") } };
    }
    if (request.now - timestamp > recvWindow) {
      return { response: { status: 400, json: error(-1021, 'Timestamp for this request is outside of the recvWindow.') } };
    }
    if (!account.permissions.enableReading) return invalidKey;
    return { account };
  }

  // ---------------------------------------------------------------- endpoints

  #exchangeInfo(request: SimulatorRequest): SimulatorResponse {
    let markets = [...this.#markets.values()];
    const symbol = request.query.get('symbol');
    const symbols = request.query.get('symbols');
    if (symbol !== null) markets = markets.filter((m) => m.symbol === symbol);
    if (symbols !== null) {
      const wanted = new Set(JSON.parse(symbols) as string[]);
      markets = markets.filter((m) => wanted.has(m.symbol));
    }
    if ((symbol !== null || symbols !== null) && markets.length === 0) return { status: 400, json: error(-1121, 'Invalid symbol.') };
    return {
      status: 200,
      json: {
        timezone: 'UTC',
        serverTime: request.now,
        rateLimits: [
          { rateLimitType: 'REQUEST_WEIGHT', interval: 'MINUTE', intervalNum: 1, limit: this.#ipWeight.limitPerMinute },
          { rateLimitType: 'ORDERS', interval: 'SECOND', intervalNum: 10, limit: 100 },
          { rateLimitType: 'ORDERS', interval: 'DAY', intervalNum: 1, limit: 200_000 },
          { rateLimitType: 'RAW_REQUESTS', interval: 'MINUTE', intervalNum: 5, limit: 61_000 },
        ],
        exchangeFilters: [],
        symbols: markets.map(toExchangeInfoSymbol),
      },
    };
  }

  #accountInfo(request: SimulatorRequest, account: BinanceSimAccount): SimulatorResponse {
    if (account.accountResponse !== undefined) return { status: 200, json: account.accountResponse };
    const omitZero = request.query.get('omitZeroBalances') === 'true';
    const balances = omitZero ? account.balances.filter((b) => !(dec(b.free).isZero() && dec(b.locked).isZero())) : account.balances;
    const canTrade = account.permissions.enableSpotAndMarginTrading;
    return {
      status: 200,
      json: {
        makerCommission: 10,
        takerCommission: 10,
        buyerCommission: 0,
        sellerCommission: 0,
        commissionRates: { maker: '0.00100000', taker: '0.00100000', buyer: '0.00000000', seller: '0.00000000' },
        canTrade,
        canWithdraw: true,
        canDeposit: true,
        brokered: false,
        requireSelfTradePrevention: false,
        preventSor: false,
        updateTime: request.now,
        accountType: 'SPOT',
        balances,
        permissions: ['SPOT'],
        uid: account.uid ?? 354_937_868,
      },
    };
  }

  #myTrades(request: SimulatorRequest, account: BinanceSimAccount): SimulatorResponse {
    const q = request.query;
    const symbol = q.get('symbol');
    if (symbol === null || symbol === '') return { status: 400, json: mandatory('symbol') };
    if (!this.#markets.has(symbol)) return { status: 400, json: error(-1121, 'Invalid symbol.') };
    const limit = q.has('limit') ? Number(q.get('limit')) : 500;
    if (!Number.isInteger(limit) || limit < 1 || limit > 1000) return { status: 400, json: error(-1130, "Data sent for parameter 'limit' is not valid.") };
    const fromId = q.has('fromId') ? Number(q.get('fromId')) : undefined;
    const orderId = q.has('orderId') ? Number(q.get('orderId')) : undefined;
    const startTime = q.has('startTime') ? Number(q.get('startTime')) : undefined;
    const endTime = q.has('endTime') ? Number(q.get('endTime')) : undefined;
    // Supported: symbol [+orderId [+fromId]] | +startTime | +endTime | +startTime+endTime | +fromId.
    if (fromId !== undefined && (startTime !== undefined || endTime !== undefined)) {
      return { status: 400, json: error(-1128, 'Combination of optional parameters invalid.') };
    }
    if (orderId !== undefined && (startTime !== undefined || endTime !== undefined)) {
      return { status: 400, json: error(-1128, 'Combination of optional parameters invalid.') };
    }
    if (startTime !== undefined && endTime !== undefined && endTime - startTime > DAY_MS) {
      return { status: 400, json: error(-1127, 'More than 24 hours between startTime and endTime.') };
    }

    let trades = account.trades.filter((t) => t.symbol === symbol).sort((a, b) => Number(a.id) - Number(b.id));
    if (orderId !== undefined) trades = trades.filter((t) => Number(t.orderId) === orderId);
    if (fromId !== undefined) return { status: 200, json: trades.filter((t) => Number(t.id) >= fromId).slice(0, limit) };
    if (startTime !== undefined || endTime !== undefined) {
      const from = startTime ?? (endTime as number) - DAY_MS;
      const to = endTime ?? from + DAY_MS;
      return { status: 200, json: trades.filter((t) => Number(t.time) >= from && Number(t.time) <= to).slice(0, limit) };
    }
    // Without fromId or times: the most recent trades, still in ascending order.
    return { status: 200, json: trades.slice(-limit) };
  }

  #deposits(request: SimulatorRequest, account: BinanceSimAccount): SimulatorResponse {
    const window = historyWindow(request);
    if ('response' in window) return window.response;
    const q = request.query;
    const rows = account.deposits
      .filter((d) => Number(d.insertTime) >= window.start && Number(d.insertTime) <= window.end)
      .filter((d) => !q.has('coin') || d.coin === q.get('coin'))
      .filter((d) => !q.has('status') || String(d.status) === q.get('status'))
      .filter((d) => !q.has('txId') || d.txId === q.get('txId'))
      .sort((a, b) => Number(b.insertTime) - Number(a.insertTime));
    return { status: 200, json: rows.slice(window.offset, window.offset + window.limit) };
  }

  #withdrawals(request: SimulatorRequest, account: BinanceSimAccount): SimulatorResponse {
    const window = historyWindow(request);
    if ('response' in window) return window.response;
    const q = request.query;
    const rows = account.withdrawals
      .filter((w) => parseBinanceApplyTime(w.applyTime) >= window.start && parseBinanceApplyTime(w.applyTime) <= window.end)
      .filter((w) => !q.has('coin') || w.coin === q.get('coin'))
      .filter((w) => !q.has('status') || String(w.status) === q.get('status'))
      .sort((a, b) => parseBinanceApplyTime(b.applyTime) - parseBinanceApplyTime(a.applyTime));
    return { status: 200, json: rows.slice(window.offset, window.offset + window.limit) };
  }
}

/**
 * The time window, offset and limit of the capital history endpoints: startTime defaults to
 * 90 days before endTime, endTime to now, and a window longer than 90 days is refused.
 */
function historyWindow(request: SimulatorRequest): { start: number; end: number; offset: number; limit: number } | { response: SimulatorResponse } {
  const q = request.query;
  const end = q.has('endTime') ? Number(q.get('endTime')) : request.now;
  const start = q.has('startTime') ? Number(q.get('startTime')) : end - NINETY_DAYS_MS;
  if (!Number.isFinite(start) || !Number.isFinite(end) || end < start)
    return { response: { status: 400, json: error(-1130, "Data sent for parameter 'startTime' is not valid.") } };
  if (end - start > NINETY_DAYS_MS) return { response: { status: 400, json: error(-1127, 'Lookup interval is too big.') } };
  const limit = q.has('limit') ? Number(q.get('limit')) : 1000;
  if (!Number.isInteger(limit) || limit < 1 || limit > 1000)
    return { response: { status: 400, json: error(-1130, "Data sent for parameter 'limit' is not valid.") } };
  const offset = q.has('offset') ? Number(q.get('offset')) : 0;
  return { start, end, offset, limit };
}

function error(code: number, msg: string): { code: number; msg: string } {
  return { code, msg };
}

function mandatory(param: string): { code: number; msg: string } {
  return error(-1102, `Mandatory parameter '${param}' was not sent, was empty/null, or malformed.`);
}

function must(account: BinanceSimAccount | undefined): BinanceSimAccount {
  if (account === undefined) throw new Error('A signed endpoint ran without an authenticated account.');
  return account;
}
