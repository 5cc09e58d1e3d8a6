import { HostedSimulator } from '../framework/hosted-simulator.js';
import { type SimulatorClock, type SimulatorRequest, type SimulatorResponse, SimulatorServer } from '../framework/simulator-server.js';
import { upgradeTo } from '../framework/websocket-endpoint.js';
import { type BitgetFuturesAccountChange, BitgetPrivateStream, type BitgetSpotCoinChange } from './bitget-private-stream.js';
import { BitgetRateLimiter } from './bitget-rate-limits.js';
import { isValidBitgetSignature } from './bitget-signature.js';
import type { BitgetProductType, BitgetSimAccount, BitgetWireMarginFill, BitgetWirePosition, BitgetWireSymbol } from './bitget-sim-account.js';

/**
 * A local Bitget v2 REST API for tests and the demo. It answers what the Bitget connector calls and
 * behaves like Bitget where a client can get it wrong:
 *
 * - private requests carry `ACCESS-KEY`, `ACCESS-SIGN`, `ACCESS-TIMESTAMP` and `ACCESS-PASSPHRASE`;
 *   the signature is re-derived (bitget-signature.ts) and a timestamp more than 30 s from the
 *   server's clock is refused (40008);
 * - errors are Bitget's `{ code, msg, requestTime, data: null }`: 40001 (header missing), 40006
 *   (unknown key), 40008 (timestamp), 40009 (signature), 40012 (passphrase), 40018 (IP not bound
 *   to the key), 40017 (bad parameter: a time range wider than the endpoint allows, a limit above
 *   its maximum), 429 (per-endpoint limit per second), 40200 in maintenance (HTTP 503);
 * - histories are newest first, bounded by `startTime`/`endTime` (ms, inclusive; 90 days at most,
 *   futures bills 30), paged with `idLessThan` (the last id of the previous page) and `limit`
 *   (100 at most, spot bills 500); fills and bills are kept 90 days, deposits and withdrawals a year.
 */

export interface BitgetSimulatorOptions {
  clock?: SimulatorClock;
  symbols?: readonly BitgetWireSymbol[];
}

interface Endpoint {
  signed: boolean;
  /** Bitget's documented requests per second. */
  perSecond: number;
  handle: (request: SimulatorRequest, account: BitgetSimAccount) => SimulatorResponse;
}

const MAX_SKEW_MS = 30_000;
const DAY_MS = 86_400_000;
const CLIENT_IP = '127.0.0.1';
const PRODUCT_TYPES: readonly BitgetProductType[] = ['USDT-FUTURES', 'COIN-FUTURES', 'USDC-FUTURES'];

const bitgetBody = (code: string, msg: string, now: number, data: unknown = null) => ({ code, msg, requestTime: now, data });
const bitgetError = (status: number, code: string, msg: string, now: number): SimulatorResponse => ({ status, json: bitgetBody(code, msg, now) });

export class BitgetSimulator extends HostedSimulator {
  protected readonly server: SimulatorServer;
  readonly #accounts = new Map<string, BitgetSimAccount>();
  readonly #symbols: readonly BitgetWireSymbol[];
  readonly #limiter = new BitgetRateLimiter();
  readonly #endpoints: Record<string, Endpoint>;
  /** Every call is answered 40200 while this is set, as during Bitget's upgrades. */
  maintenance = false;

  /** The v2 private stream (`/v2/ws/private`): account and positions channels (bitget-private-stream.ts). */
  readonly #stream: BitgetPrivateStream;

  constructor(options: BitgetSimulatorOptions = {}) {
    super();
    this.#symbols = options.symbols ?? DEFAULT_BITGET_SYMBOLS;
    this.server = new SimulatorServer({
      clock: options.clock,
      upgrade: (req, socket, head) => upgradeTo(this.server.requests, () => this.now(), this.#stream.endpoint)(req, socket, head),
      handler: (request) => this.#handle(request),
      statusBody: (fault, request) =>
        fault.status === 429
          ? bitgetBody('429', 'Too Many Requests', request.now)
          : fault.status === 503
            ? bitgetBody('40200', 'Server upgrade, please try again later', request.now)
            : bitgetBody('40015', 'System is abnormal, please try again later', request.now),
    });
    this.#stream = new BitgetPrivateStream({ account: (apiKey) => this.#accounts.get(apiKey), now: () => this.now(), requests: this.server.requests });
    const ok = (request: SimulatorRequest, data: unknown): SimulatorResponse => ({ status: 200, json: bitgetBody('00000', 'success', request.now, data) });
    const productType = (request: SimulatorRequest): BitgetProductType | undefined => {
      const value = request.query.get('productType');
      return PRODUCT_TYPES.find((p) => p === value);
    };
    const needProductType = (request: SimulatorRequest, answer: (p: BitgetProductType) => SimulatorResponse) => {
      const p = productType(request);
      return p === undefined ? bitgetError(400, '40017', 'Parameter productType error', request.now) : answer(p);
    };
    this.#endpoints = {
      'GET /api/v2/spot/public/symbols': { signed: false, perSecond: 20, handle: (req) => ok(req, this.#symbols) },
      'GET /api/v2/spot/account/info': {
        signed: true,
        perSecond: 1,
        handle: (req, account) =>
          ok(req, {
            userId: '7264631751',
            inviterId: '',
            ips: account.ips,
            authorities: account.authorities,
            parentId: 7264631751,
            traderType: 'trader',
            channelCode: '',
            channel: '',
            regisTime: '1672531200000',
          }),
      },
      'GET /api/v2/spot/account/assets': { signed: true, perSecond: 10, handle: (req, account) => ok(req, account.spot) },
      'GET /api/v2/account/funding-assets': { signed: true, perSecond: 10, handle: (req, account) => ok(req, account.funding) },
      'GET /api/v2/margin/crossed/account/assets': { signed: true, perSecond: 10, handle: (req, account) => ok(req, account.crossMargin) },
      'GET /api/v2/margin/isolated/account/assets': {
        signed: true,
        perSecond: 10,
        handle: (req, account) => {
          const symbol = req.query.get('symbol');
          return ok(req, symbol === null ? account.isolatedMargin : account.isolatedMargin.filter((a) => a.symbol === symbol));
        },
      },
      'GET /api/v2/margin/crossed/financial-records': {
        signed: true,
        perSecond: 10,
        handle: (req, account) => marginRecords(req, account.crossMarginRecords, (r) => r.marginId),
      },
      'GET /api/v2/margin/crossed/fills': {
        signed: true,
        perSecond: 10,
        handle: (req, account) => marginFills(req, account.crossMarginFills),
      },
      'GET /api/v2/margin/isolated/fills': {
        signed: true,
        perSecond: 10,
        handle: (req, account) => marginFills(req, account.isolatedMarginFills),
      },
      'GET /api/v2/margin/crossed/interest-history': {
        signed: true,
        perSecond: 10,
        handle: (req, account) => marginRecords(req, account.crossMarginInterest, (r) => r.interestId),
      },
      'GET /api/v2/margin/isolated/interest-history': {
        signed: true,
        perSecond: 10,
        handle: (req, account) => {
          const symbol = req.query.get('symbol');
          if (symbol === null || symbol === '') return bitgetError(400, '40019', 'Parameter symbol cannot be empty', req.now);
          return marginRecords(
            req,
            account.isolatedMarginInterest.filter((r) => r.symbol === symbol),
            (r) => r.interestId,
          );
        },
      },
      'GET /api/v2/margin/isolated/financial-records': {
        signed: true,
        perSecond: 10,
        handle: (req, account) => {
          const symbol = req.query.get('symbol');
          if (symbol === null || symbol === '') return bitgetError(400, '40019', 'Parameter symbol cannot be empty', req.now);
          return marginRecords(
            req,
            account.isolatedMarginRecords.filter((r) => r.symbol === symbol),
            (r) => r.marginId,
          );
        },
      },
      'GET /api/v2/earn/savings/assets': {
        signed: true,
        perSecond: 10,
        handle: (req, account) =>
          // What is held now, whenever it was subscribed: no time range applies.
          savings(req, (periodType) => account.savingsAssets.filter((a) => a.periodType === periodType && a.status !== 'completed'), {
            timeOf: () => String(req.now),
            maxRangeMs: 0,
          }),
      },
      'GET /api/v2/earn/savings/records': {
        signed: true,
        perSecond: 10,
        handle: (req, account) => {
          const orderType = req.query.get('orderType');
          const coin = req.query.get('coin');
          return savings(
            req,
            (periodType) =>
              account.savingsRecords.filter(
                (r) => r.productType === periodType && (orderType === null || r.orderType === orderType) && (coin === null || r.coinName === coin),
              ),
            { timeOf: (r) => r.ts, maxRangeMs: 90 * DAY_MS },
          );
        },
      },
      'GET /api/v2/mix/account/accounts': {
        signed: true,
        perSecond: 10,
        handle: (req, account) => needProductType(req, (p) => ok(req, account.futures[p])),
      },
      'GET /api/v2/mix/position/all-position': {
        signed: true,
        perSecond: 5,
        handle: (req, account) => needProductType(req, (p) => ok(req, account.positions[p])),
      },
      'GET /api/v2/spot/trade/fills': {
        signed: true,
        perSecond: 10,
        handle: (req, account) => {
          const symbol = req.query.get('symbol');
          if (symbol === null || symbol === '') return bitgetError(400, '40019', 'Parameter symbol cannot be empty', req.now);
          return history(
            req,
            account.fills.filter((f) => f.symbol === symbol),
            { idOf: (f) => f.tradeId, timeOf: (f) => f.cTime, maxRangeMs: 90 * DAY_MS, retentionMs: 90 * DAY_MS, maxLimit: 100 },
          );
        },
      },
      'GET /api/v2/spot/wallet/deposit-records': {
        signed: true,
        perSecond: 10,
        handle: (req, account) => transfers(req, account.deposits),
      },
      'GET /api/v2/spot/wallet/withdrawal-records': {
        signed: true,
        perSecond: 10,
        handle: (req, account) => transfers(req, account.withdrawals),
      },
      'GET /api/v2/spot/account/bills': {
        signed: true,
        perSecond: 10,
        handle: (req, account) =>
          history(req, account.spotBills, { idOf: (b) => b.billId, timeOf: (b) => b.cTime, maxRangeMs: 90 * DAY_MS, retentionMs: 90 * DAY_MS, maxLimit: 500 }),
      },
      'GET /api/v2/mix/account/bill': {
        signed: true,
        perSecond: 10,
        handle: (req, account) =>
          needProductType(req, (p) => {
            const answer = history(req, account.futuresBills[p], {
              idOf: (b) => b.billId,
              timeOf: (b) => b.cTime,
              maxRangeMs: 30 * DAY_MS,
              retentionMs: 90 * DAY_MS,
              maxLimit: 100,
            });
            if (answer.status !== 200) return answer;
            // Futures bills come wrapped: `{ bills, endId }`, endId being the last id of the page.
            const bills = (answer.json as { data: { billId: string }[] }).data;
            return ok(req, { bills, endId: bills.at(-1)?.billId ?? null });
          }),
      },
    };
  }

  addAccount(account: BitgetSimAccount): BitgetSimAccount {
    this.#accounts.set(account.apiKey, account);
    return account;
  }

  #account(apiKey: string): BitgetSimAccount {
    const account = this.#accounts.get(apiKey);
    if (account === undefined) throw new Error(`No simulated Bitget account has the API key ${apiKey}.`);
    return account;
  }

  /** Changes a spot coin (what REST serves) and pushes it on the `account` channel. */
  setSpotCoin(apiKey: string, change: BitgetSpotCoinChange): void {
    this.#stream.setSpotCoin(this.#account(apiKey), change);
  }

  /** Changes a futures account (what REST serves) and pushes it on that product type's `account` channel. */
  setFuturesAccount(apiKey: string, productType: BitgetProductType, change: BitgetFuturesAccountChange): void {
    this.#stream.setFuturesAccount(this.#account(apiKey), productType, change);
  }

  /** Opens, changes or (`total` "0") closes a position (what REST serves) and pushes the product type's `positions`. */
  movePosition(apiKey: string, productType: BitgetProductType, change: BitgetWirePosition): void {
    this.#stream.movePosition(this.#account(apiKey), productType, change);
  }

  /** Private-stream connections of this key subscribed to `<instType> <channel>`. */
  privateStreamSubscribers(apiKey: string, instType: string, channel: string): number {
    return this.#stream.subscribers(apiKey, instType, channel);
  }

  /** Resolves once every private-stream connection has closed. */
  privateStreamIdle(): Promise<void> {
    return this.#stream.endpoint.idle();
  }

  /** Drops every private-stream connection, as Bitget does when it restarts a stream server. */
  dropPrivateStreams(): void {
    this.#stream.endpoint.close();
  }

  override stop(): Promise<void> {
    this.#stream.endpoint.close();
    return super.stop();
  }

  #handle(request: SimulatorRequest): SimulatorResponse {
    const endpoint = this.#endpoints[`${request.method} ${request.path}`];
    if (endpoint === undefined) return bitgetError(404, '40404', 'Request URL NOT FOUND', request.now);
    if (this.maintenance) return bitgetError(503, '40200', 'Server upgrade, please try again later', request.now);
    let account: BitgetSimAccount | undefined;
    if (endpoint.signed) {
      const authenticated = this.#authenticate(request);
      if ('response' in authenticated) return authenticated.response;
      account = authenticated.account;
    }
    const waitMs = this.#limiter.charge(`${account?.apiKey ?? CLIENT_IP} ${request.path}`, endpoint.perSecond, request.now);
    if (waitMs !== undefined)
      return { status: 429, headers: { 'retry-after': String(Math.ceil(waitMs / 1000)) }, json: bitgetBody('429', 'Too Many Requests', request.now) };
    // Unsigned endpoints never read the account.
    return endpoint.handle(request, account as BitgetSimAccount);
  }

  /** Bitget's checks, in its order: headers present, key known, timestamp, passphrase, signature, IP. */
  #authenticate(request: SimulatorRequest): { account: BitgetSimAccount } | { response: SimulatorResponse } {
    const h = request.headers;
    const refuse = (status: number, code: string, msg: string) => ({ response: bitgetError(status, code, msg, request.now) });
    const [key, sign, timestamp, passphrase] = [h['access-key'], h['access-sign'], h['access-timestamp'], h['access-passphrase']];
    if (!key) return refuse(401, '40001', 'ACCESS_KEY cannot be empty');
    if (!sign) return refuse(401, '40003', 'Signature cannot be empty');
    if (!timestamp) return refuse(401, '40005', 'Invalid ACCESS_TIMESTAMP');
    if (!passphrase) return refuse(401, '40011', 'ACCESS_PASSPHRASE cannot be empty');
    const account = this.#accounts.get(key);
    if (account === undefined) return refuse(401, '40006', 'Invalid ACCESS_KEY');
    if (!/^\d{13}$/.test(timestamp)) return refuse(401, '40005', 'Invalid ACCESS_TIMESTAMP');
    if (Math.abs(request.now - Number(timestamp)) > MAX_SKEW_MS) return refuse(401, '40008', 'Request timestamp expired');
    if (passphrase !== account.passphrase) return refuse(401, '40012', 'apikey/password is incorrect');
    if (!isValidBitgetSignature(account.secret, sign, timestamp, request.method, request.path, request.rawQuery, request.body))
      return refuse(401, '40009', 'sign signature error');
    const allowed = account.ips
      .split(',')
      .map((ip) => ip.trim())
      .filter((ip) => ip !== '');
    if (allowed.length > 0 && !allowed.includes(CLIENT_IP)) return refuse(403, '40018', 'Invalid IP');
    return { account };
  }
}

interface HistoryRules<T> {
  idOf(row: T): string;
  timeOf(row: T): string | null | undefined;
  maxRangeMs: number;
  retentionMs: number;
  maxLimit: number;
}

/**
 * One page of a Bitget v2 history: rows inside [startTime, endTime] (default: the last `maxRangeMs`),
 * newest first, below `idLessThan` when given, at most `limit` (default 100).
 */
function history<T>(request: SimulatorRequest, all: readonly T[], rules: HistoryRules<T>): SimulatorResponse {
  const q = request.query;
  const fail = (msg: string) => bitgetError(400, '40017', msg, request.now);
  const limit = q.has('limit') ? Number(q.get('limit')) : 100;
  if (!Number.isInteger(limit) || limit < 1 || limit > rules.maxLimit) return fail(`Parameter limit must be between 1 and ${rules.maxLimit}`);
  const endTime = q.has('endTime') ? Number(q.get('endTime')) : request.now;
  const startTime = q.has('startTime') ? Number(q.get('startTime')) : endTime - rules.maxRangeMs;
  if (!Number.isFinite(startTime) || !Number.isFinite(endTime) || endTime < startTime) return fail('Parameter startTime and endTime error');
  if (endTime - startTime > rules.maxRangeMs) return fail(`The time range cannot exceed ${rules.maxRangeMs / DAY_MS} days`);
  const idLessThan = q.has('idLessThan') ? BigInt(q.get('idLessThan') as string) : undefined;
  const oldest = request.now - rules.retentionMs;
  const timeOf = (row: T) => Number(rules.timeOf(row));
  const rows = all
    .filter((row) => timeOf(row) >= Math.max(startTime, oldest) && timeOf(row) <= endTime)
    .filter((row) => idLessThan === undefined || BigInt(rules.idOf(row)) < idLessThan)
    .sort((a, b) => (BigInt(rules.idOf(b)) > BigInt(rules.idOf(a)) ? 1 : -1))
    .slice(0, limit);
  return { status: 200, json: bitgetBody('00000', 'success', request.now, rows) };
}

/**
 * Bitget Earn answers `{ resultList, endId }`, newest first, paged with `idLessThan` = the previous
 * `endId`; `periodType` (flexible or fixed) is required. Records are kept a year here (Bitget does
 * not document how long); one request spans three months at most.
 */
function savings<T extends { orderId: string }>(
  request: SimulatorRequest,
  rowsOf: (periodType: 'flexible' | 'fixed') => readonly T[],
  rules: { timeOf: (row: T) => string; maxRangeMs: number },
): SimulatorResponse {
  const periodType = request.query.get('periodType');
  if (periodType !== 'flexible' && periodType !== 'fixed') return bitgetError(400, '40017', 'Parameter periodType error', request.now);
  const answer = history(request, rowsOf(periodType), {
    idOf: (r) => r.orderId,
    timeOf: rules.timeOf,
    maxRangeMs: rules.maxRangeMs,
    retentionMs: 365 * DAY_MS,
    maxLimit: 100,
  });
  if (answer.status !== 200) return answer;
  const resultList = (answer.json as { data: T[] }).data;
  return { status: 200, json: bitgetBody('00000', 'success', request.now, { resultList, endId: resultList.at(-1)?.orderId ?? '' }) };
}

/**
 * Margin financial records and interest history: `startTime` required, 90 days a request, `limit` up
 * to 500, newest first below `idLessThan`; answered as `{ resultList, maxId, minId }`. Kept 90 days
 * here, like the bills.
 */
function marginRecords<T extends { cTime: string; coin?: string; interestCoin?: string; marginType?: string }>(
  request: SimulatorRequest,
  all: readonly T[],
  idOf: (row: T) => string,
): SimulatorResponse {
  if (!request.query.has('startTime')) return bitgetError(400, '40019', 'Parameter startTime cannot be empty', request.now);
  const coin = request.query.get('coin');
  const marginType = request.query.get('marginType');
  const answer = history(
    request,
    all.filter((r) => (coin === null || (r.coin ?? r.interestCoin) === coin) && (marginType === null || r.marginType === marginType)),
    { idOf, timeOf: (r) => r.cTime, maxRangeMs: 90 * DAY_MS, retentionMs: 90 * DAY_MS, maxLimit: 500 },
  );
  if (answer.status !== 200) return answer;
  const resultList = (answer.json as { data: T[] }).data;
  const [first, last] = [resultList[0], resultList.at(-1)];
  return {
    status: 200,
    json: bitgetBody('00000', 'success', request.now, {
      resultList,
      maxId: first === undefined ? '' : idOf(first),
      minId: last === undefined ? '' : idOf(last),
    }),
  };
}

/** Margin fills: `symbol` and `startTime` required, answered as `{ fills, maxId, minId }`, paged like the records. */
function marginFills(request: SimulatorRequest, all: readonly BitgetWireMarginFill[]): SimulatorResponse {
  const symbol = request.query.get('symbol');
  if (symbol === null || symbol === '') return bitgetError(400, '40019', 'Parameter symbol cannot be empty', request.now);
  const answer = marginRecords(
    request,
    all.filter((f) => f.symbol === symbol),
    (f) => f.tradeId,
  );
  if (answer.status !== 200) return answer;
  const { resultList, maxId, minId } = (answer.json as { data: { resultList: BitgetWireMarginFill[]; maxId: string; minId: string } }).data;
  return { status: 200, json: bitgetBody('00000', 'success', request.now, { fills: resultList, maxId, minId }) };
}

/** Deposit and withdrawal records: `startTime` and `endTime` are required. */
function transfers(request: SimulatorRequest, all: readonly (Record<string, string | null> & { orderId: string })[]): SimulatorResponse {
  if (!request.query.has('startTime') || !request.query.has('endTime')) return bitgetError(400, '40019', 'Parameter startTime cannot be empty', request.now);
  const coin = request.query.get('coin');
  return history(
    request,
    all.filter((r) => coin === null || r.coin === coin),
    { idOf: (r) => r.orderId, timeOf: (r) => r.cTime ?? r.createdTime, maxRangeMs: 90 * DAY_MS, retentionMs: 365 * DAY_MS, maxLimit: 100 },
  );
}

const symbol = (baseCoin: string, quoteCoin: string): BitgetWireSymbol => ({ symbol: `${baseCoin}${quoteCoin}`, baseCoin, quoteCoin, status: 'online' });

/** Spot pairs the demo trades, and a few it does not. */
export const DEFAULT_BITGET_SYMBOLS: readonly BitgetWireSymbol[] = [
  symbol('BTC', 'USDT'),
  symbol('ETH', 'USDT'),
  symbol('ETH', 'BTC'),
  symbol('BGB', 'USDT'),
  symbol('SOL', 'USDT'),
  symbol('BTC', 'USDC'),
  symbol('USDC', 'USDT'),
  symbol('XRP', 'USDT'),
  symbol('DOGE', 'USDT'),
];
