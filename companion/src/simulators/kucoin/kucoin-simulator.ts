import { dec } from '@omnifolio/shared/money';
import { HostedSimulator } from '../framework/hosted-simulator.js';
import { type SimulatorClock, type SimulatorRequest, type SimulatorResponse, SimulatorServer } from '../framework/simulator-server.js';
import { upgradeTo } from '../framework/websocket-endpoint.js';
import { type KucoinPushedEvent, kucoinAccountBalanceEvent, kucoinPositionEvent, kucoinWalletEvent } from './kucoin-account-events.js';
import { KucoinPrivateStream } from './kucoin-private-stream.js';
import { type KucoinPool, KucoinResourcePools } from './kucoin-rate-limits.js';
import { sameBase64, signKucoinPassphrase, signKucoinRequest } from './kucoin-signature.js';
import type {
  KucoinSimAccount,
  KucoinSimInterest,
  KucoinWireAccount,
  KucoinWireContract,
  KucoinWireFuturesOverview,
  KucoinWireHfFill,
  KucoinWireLedgerEntry,
  KucoinWireMarginAsset,
  KucoinWirePosition,
  KucoinWireSymbol,
} from './kucoin-sim-account.js';

/**
 * A local KuCoin API (spot host and futures host on one port, their paths do not collide for what
 * the connector reads) for tests and the demo. It behaves like KuCoin where a client can get it wrong:
 *
 * - private requests carry `KC-API-KEY`, `KC-API-SIGN`, `KC-API-TIMESTAMP`, `KC-API-PASSPHRASE` and
 *   `KC-API-KEY-VERSION: 2`; the passphrase and the signature are re-derived from the secret
 *   (kucoin-signature.ts), a timestamp more than 5 s from the server's clock is refused (400002);
 * - errors are KuCoin's `{ code, msg }`: 400001 (header missing), 400002 (timestamp), 400003 (unknown
 *   key), 400004 (passphrase), 400005 (signature), 400006 (IP not in the key's whitelist), 400100
 *   (bad parameter: page size above 500, a time range wider than the endpoint allows);
 * - resource pools with `gw-ratelimit-*` headers on every answer and 429 + 429000 when a pool is
 *   spent (kucoin-rate-limits.ts); 503 while `maintenance` is set;
 * - the futures transaction history pages newest first with `offset` and `hasMore`, `maxCount` at most 200;
 * - histories are time-windowed and paged like KuCoin's: `startAt`/`endAt` (ms, both inclusive),
 *   `currentPage`/`pageSize` (10–500, default 50), newest first, `{ currentPage, pageSize, totalNum,
 *   totalPage, items }`; fills and deposits/withdrawals accept at most 7 days per request, account
 *   ledgers at most 24 hours, and nothing older than a year is kept.
 */

export interface KucoinSimulatorOptions {
  clock?: SimulatorClock;
  contracts?: readonly KucoinWireContract[];
  /** Spot pairs `GET /api/v2/symbols` lists. */
  symbols?: readonly KucoinWireSymbol[];
  /** Pool sizes, to provoke 429 quickly in tests. */
  poolQuotas?: Partial<Record<KucoinPool, number>>;
}

interface Endpoint {
  signed: boolean;
  pool: KucoinPool;
  weight: number;
  handle: (request: SimulatorRequest, account: KucoinSimAccount) => SimulatorResponse;
}

const MAX_SKEW_MS = 5_000;
/** The user id KuCoin reports for the key (`uid`) and in every private event (`userId`). */
const KUCOIN_USER_ID = '165111215';
const DAY_MS = 86_400_000;
const RETENTION_MS = 365 * DAY_MS;
/** The margin interest history: 30 days a request, the last 6 months kept. */
const INTEREST_MAX_RANGE_MS = 30 * DAY_MS;
const INTEREST_RETENTION_MS = 182 * DAY_MS;
/** The address every simulator request comes from; a key bound to other IPs is refused. */
const CLIENT_IP = '127.0.0.1';

const kucoinError = (status: number, code: string, msg: string): SimulatorResponse => ({ status, json: { code, msg } });
const ok = (data: unknown): SimulatorResponse => ({ status: 200, json: { code: '200000', data } });

export class KucoinSimulator extends HostedSimulator {
  protected readonly server: SimulatorServer;
  readonly #accounts = new Map<string, KucoinSimAccount>();
  readonly #contracts: readonly KucoinWireContract[];
  readonly #symbols: readonly KucoinWireSymbol[];
  readonly #pools: KucoinResourcePools;
  readonly #endpoints: Record<string, Endpoint>;
  /** Private push channels (bullet token, `/endpoint` WebSocket): kucoin-private-stream.ts. */
  readonly #stream: KucoinPrivateStream;
  #walletVersion = 0;
  /** Every call is answered 503 while this is set, as during KuCoin's upgrades. */
  maintenance = false;

  constructor(options: KucoinSimulatorOptions = {}) {
    super();
    this.#contracts = options.contracts ?? DEFAULT_KUCOIN_CONTRACTS;
    this.#symbols = options.symbols ?? DEFAULT_KUCOIN_SYMBOLS;
    this.#pools = new KucoinResourcePools(options.poolQuotas);
    this.server = new SimulatorServer({
      clock: options.clock,
      handler: (request) => this.#handle(request),
      upgrade: (req, socket, head) => upgradeTo(this.server.requests, () => this.now(), this.#stream.endpoint)(req, socket, head),
      statusBody: (fault) =>
        fault.status === 429
          ? { code: '429000', msg: 'Too Many Requests' }
          : fault.status === 503
            ? { code: '500000', msg: 'System maintenance in progress, please try again later.' }
            : { code: '500000', msg: 'Internal Server Error' },
    });
    this.#stream = new KucoinPrivateStream({ requests: this.server.requests, now: () => this.now() });
    // Each endpoint's pool and weight as its KuCoin documentation page gives them (checked against
    // ccxt's kucoin.js, whose costs are the same, doubled for the 2000-per-30-s pools: futures
    // `'account-overview': { 'cost': 10 }, // 5FW`, Earn `'earn/hold-assets': { 'cost': 10 }, // 5EW`).
    this.#endpoints = {
      // Spot and futures hosts both have it; one token serves both here (kucoin-private-stream.ts).
      'POST /api/v1/bullet-private': {
        signed: true,
        pool: 'spot',
        weight: 10,
        handle: (req, account) => this.#stream.bullet(account.apiKey, req.headers.host ?? '127.0.0.1', req.now),
      },
      'GET /api/v1/contracts/active': { signed: false, pool: 'public', weight: 3, handle: () => ok(this.#contracts) },
      'GET /api/v2/symbols': { signed: false, pool: 'public', weight: 4, handle: () => ok(this.#symbols) },
      'GET /api/v1/hf/fills': {
        signed: true,
        pool: 'spot',
        weight: 2,
        handle: (req, account) => hfFillsPage(req, account.hfFills),
      },
      'GET /api/v1/user/api-key': {
        signed: true,
        pool: 'management',
        weight: 20,
        handle: (_req, account) =>
          ok({
            remark: 'omnifolio',
            apiKey: account.apiKey,
            apiVersion: 3,
            permission: account.permission,
            ipWhitelist: account.ipWhitelist,
            createdAt: 1_700_000_000_000,
            uid: Number(KUCOIN_USER_ID),
            isMaster: true,
          }),
      },
      'GET /api/v1/accounts': {
        signed: true,
        pool: 'management',
        weight: 5,
        handle: (req, account) =>
          ok(
            account.accounts.filter(
              (a) => (!req.query.has('type') || a.type === req.query.get('type')) && (!req.query.has('currency') || a.currency === req.query.get('currency')),
            ),
          ),
      },
      'GET /api/v3/margin/accounts': {
        signed: true,
        pool: 'spot',
        weight: 15,
        handle: (_req, account) =>
          ok({ totalAssetOfQuoteCurrency: '0', totalLiabilityOfQuoteCurrency: '0', debtRatio: '0', status: 'EFFECTIVE', accounts: account.margin }),
      },
      'GET /api/v3/isolated/accounts': {
        signed: true,
        pool: 'spot',
        weight: 15,
        handle: (req, account) =>
          ok({
            totalAssetOfQuoteCurrency: '0',
            totalLiabilityOfQuoteCurrency: '0',
            timestamp: req.now,
            assets: account.isolated.filter((p) => !req.query.has('symbol') || p.symbol === req.query.get('symbol')),
          }),
      },
      'GET /api/v1/account-overview': {
        signed: true,
        pool: 'futures',
        weight: 5,
        handle: (req, account) => {
          const currency = req.query.get('currency') ?? 'XBT';
          const overview = account.futures.find((f) => f.currency === currency);
          return ok(
            overview ?? {
              accountEquity: 0,
              unrealisedPNL: 0,
              marginBalance: 0,
              positionMargin: 0,
              orderMargin: 0,
              frozenFunds: 0,
              availableBalance: 0,
              currency,
            },
          );
        },
      },
      'GET /api/v1/positions': {
        signed: true,
        pool: 'futures',
        weight: 2,
        handle: (req, account) => ok(account.positions.filter((p) => !req.query.has('currency') || p.settleCurrency === req.query.get('currency'))),
      },
      'GET /api/v1/earn/hold-assets': {
        signed: true,
        pool: 'earn',
        weight: 5,
        handle: (req, account) => {
          const q = req.query;
          const pageSize = q.has('pageSize') ? Number(q.get('pageSize')) : 15;
          if (!Number.isInteger(pageSize) || pageSize < 10 || pageSize > 500) return kucoinError(400, '400100', 'pageSize must be between 10 and 500');
          const currentPage = q.has('currentPage') ? Number(q.get('currentPage')) : 1;
          const rows = account.earn.filter((h) => !q.has('currency') || h.currency === q.get('currency'));
          return ok({
            totalNum: rows.length,
            totalPage: Math.ceil(rows.length / pageSize),
            currentPage,
            pageSize,
            items: rows.slice((currentPage - 1) * pageSize, currentPage * pageSize),
          });
        },
      },
      // Futures ledger: management pool, weight 2 (ccxt kucoin.js: `'transaction-history': { 'cost': 4 }, // 2MW`).
      'GET /api/v1/transaction-history': {
        signed: true,
        pool: 'management',
        weight: 2,
        handle: (req, account) => {
          const q = req.query;
          const maxCount = q.has('maxCount') ? Number(q.get('maxCount')) : 50;
          if (!Number.isInteger(maxCount) || maxCount < 1 || maxCount > 200) return kucoinError(400, '400100', 'maxCount must be between 1 and 200');
          const startAt = q.has('startAt') ? Number(q.get('startAt')) : 0;
          const endAt = q.has('endAt') ? Number(q.get('endAt')) : req.now;
          // forward=false (the default): newest first, `offset` excludes it and everything newer.
          const forward = q.get('forward') === 'true';
          const offset = q.has('offset') ? Number(q.get('offset')) : undefined;
          const rows = account.futuresLedger
            .filter((e) => e.time >= startAt && e.time <= endAt && (!q.has('currency') || e.currency === q.get('currency')))
            .filter((e) => offset === undefined || (forward ? e.offset > offset : e.offset < offset))
            .sort((a, b) => (forward ? a.offset - b.offset : b.offset - a.offset));
          return ok({ hasMore: rows.length > maxCount, dataList: rows.slice(0, maxCount) });
        },
      },
      'GET /api/v1/fills': {
        signed: true,
        pool: 'spot',
        weight: 10,
        // tradeType: TRADE (spot, the default), MARGIN_TRADE (cross margin) or MARGIN_ISOLATED_TRADE.
        handle: (req, account) =>
          windowedPage(
            req,
            account.fills,
            7 * DAY_MS,
            (f) => f.tradeType === (req.query.get('tradeType') ?? 'TRADE') && (!req.query.has('symbol') || f.symbol === req.query.get('symbol')),
          ),
      },
      'GET /api/v1/accounts/ledgers': {
        signed: true,
        pool: 'management',
        weight: 2,
        handle: (req, account) =>
          windowedPage(req, account.ledger, DAY_MS, (e) => !req.query.has('currency') || (req.query.get('currency') ?? '').split(',').includes(e.currency)),
      },
      'GET /api/v1/hf/accounts/ledgers': {
        signed: true,
        pool: 'spot',
        weight: 2,
        handle: (req, account) => hfLedgerPage(req, account.hfLedger),
      },
      // https://www.kucoin.com/docs/rest/account/basic-info/get-account-ledgers-margin_hf: spot pool, weight 2.
      'GET /api/v3/hf/margin/account/ledgers': {
        signed: true,
        pool: 'spot',
        weight: 2,
        handle: (req, account) => hfLedgerPage(req, account.marginHfLedger ?? []),
      },
      // Interest charged on margin loans: spot pool, weight 20
      // (https://www.kucoin.com/docs/rest/margin-trading/margin-trading-v3-/get-cross-isolated-margin-interest-records; ccxt kucoin.js
      // `'margin/interest': { 'cost': 20 }`).
      'GET /api/v3/margin/interest': {
        signed: true,
        pool: 'spot',
        weight: 20,
        handle: (req, account) => interestPage(req, account.marginInterest ?? []),
      },
      // Unified Trading Account (UTA): its own pool (https://www.kucoin.com/docs-new/rate-limit). The mode
      // says whether the user upgraded (`UNIFIED`) or not (`CLASSIC`); the unified balance lists one
      // account whose currencies carry equity, balance, available, hold and liability.
      'GET /api/ua/v1/account/mode': {
        signed: true,
        pool: 'uta',
        weight: 30,
        handle: (_req, account) => ok({ selfAccountMode: account.accountMode ?? 'CLASSIC' }),
      },
      'GET /api/ua/v1/unified/account/balance': {
        signed: true,
        pool: 'uta',
        weight: 5,
        handle: (req, account) =>
          ok({
            accountType: 'UNIFIED',
            ts: req.now,
            accounts: account.accountMode === 'UNIFIED' ? [{ currencies: account.unified ?? [] }] : [],
          }),
      },
      'GET /api/v1/deposits': {
        signed: true,
        pool: 'management',
        weight: 5,
        handle: (req, account) => windowedPage(req, account.deposits, 7 * DAY_MS, (d) => !req.query.has('status') || d.status === req.query.get('status')),
      },
      'GET /api/v1/withdrawals': {
        signed: true,
        pool: 'management',
        weight: 20,
        handle: (req, account) => windowedPage(req, account.withdrawals, 7 * DAY_MS, (w) => !req.query.has('status') || w.status === req.query.get('status')),
      },
    };
  }

  addAccount(account: KucoinSimAccount): KucoinSimAccount {
    this.#accounts.set(account.apiKey, account);
    return account;
  }

  /**
   * Sets a Funding (`main`) or Trading (`trade`) balance, as `GET /api/v1/accounts` serves it from
   * now on, and pushes KuCoin's `account.balance` event (`relation`: transfer, deposit, hold …).
   */
  setAccountBalance(apiKey: string, row: Omit<KucoinWireAccount, 'id' | 'available'>, relation = 'transfer'): void {
    const account = this.#account(apiKey);
    const index = account.accounts.findIndex((a) => a.type === row.type && a.currency === row.currency);
    const before = index < 0 ? undefined : account.accounts[index];
    const after: KucoinWireAccount = {
      ...row,
      id: before?.id ?? `${row.type}-${row.currency}-${account.accounts.length}`,
      available: dec(row.balance).minus(row.holds).toFixed(),
    };
    if (index < 0) account.accounts.push(after);
    else account.accounts[index] = after;
    this.#push(apiKey, kucoinAccountBalanceEvent(before, after, relation, this.now()));
  }

  /**
   * Sets a cross margin asset (`GET /api/v3/margin/accounts`, and its row in `GET /api/v1/accounts`,
   * which shows no liability) and pushes the `account.balance` event KuCoin sends for it (`margin.*`).
   */
  setCrossMarginAsset(apiKey: string, asset: KucoinWireMarginAsset, relation = 'transfer'): void {
    const account = this.#account(apiKey);
    account.margin = [...account.margin.filter((m) => m.currency !== asset.currency), asset];
    const index = account.accounts.findIndex((a) => a.type === 'margin' && a.currency === asset.currency);
    const before = index < 0 ? undefined : account.accounts[index];
    const after: KucoinWireAccount = {
      id: before?.id ?? `margin-${asset.currency}-${account.accounts.length}`,
      currency: asset.currency,
      type: 'margin',
      balance: asset.total,
      available: asset.available,
      holds: asset.hold,
    };
    if (index < 0) account.accounts.push(after);
    else account.accounts[index] = after;
    this.#push(apiKey, kucoinAccountBalanceEvent(before, after, relation, this.now()));
  }

  /** Replaces the futures wallet of `overview.currency` and pushes `walletBalance.change`. */
  setFuturesAccount(apiKey: string, overview: KucoinWireFuturesOverview): void {
    const account = this.#account(apiKey);
    account.futures = [...account.futures.filter((f) => f.currency !== overview.currency), overview];
    this.#walletVersion += 1;
    this.#push(apiKey, kucoinWalletEvent(overview, this.#walletVersion, this.now()));
  }

  /**
   * Opens, changes or (with `currentQty` 0) closes a futures position, as `GET /api/v1/positions`
   * serves it from now on, and pushes `position.change` on `/contract/positionAll` and the symbol's topic.
   */
  movePosition(apiKey: string, position: KucoinWirePosition, reason = 'positionChange'): void {
    const account = this.#account(apiKey);
    const closed = position.currentQty === 0;
    const row = closed ? { ...position, isOpen: false } : position;
    account.positions = [...account.positions.filter((p) => p.symbol !== position.symbol), ...(closed ? [] : [row])];
    const event = kucoinPositionEvent(row, reason, this.now());
    this.#push(apiKey, event);
    this.#push(apiKey, { ...event, topic: `/contract/position:${position.symbol}` });
  }

  /** Connections of this key subscribed to a private topic (`/account/balance`, `/contractAccount/wallet` …). */
  streamSubscribers(apiKey: string, topic: string): number {
    return this.#stream.subscribers(apiKey, topic);
  }

  /** Drops every stream connection, as KuCoin does when a push server restarts. */
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

  #account(apiKey: string): KucoinSimAccount {
    const account = this.#accounts.get(apiKey);
    if (account === undefined) throw new Error(`no KuCoin account with key ${apiKey}`);
    return account;
  }

  #push(apiKey: string, event: KucoinPushedEvent): void {
    this.#stream.push(apiKey, KUCOIN_USER_ID, event.topic, event.subject, event.data);
  }

  #handle(request: SimulatorRequest): SimulatorResponse {
    const endpoint = this.#endpoints[`${request.method} ${request.path}`];
    if (endpoint === undefined) return kucoinError(404, '404000', `${request.path} not found`);
    if (this.maintenance) return kucoinError(503, '500000', 'System maintenance in progress, please try again later.');
    let account: KucoinSimAccount | undefined;
    if (endpoint.signed) {
      const authenticated = this.#authenticate(request);
      if ('response' in authenticated) return authenticated.response;
      account = authenticated.account;
    }
    const charge = this.#pools.charge(account?.apiKey ?? CLIENT_IP, endpoint.pool, endpoint.weight, request.now);
    if (!charge.allowed) return { status: 429, headers: charge.headers, json: { code: '429000', msg: 'Too Many Requests' } };
    // Unsigned endpoints never read the account.
    const response = endpoint.handle(request, account as KucoinSimAccount);
    return { ...response, headers: { ...charge.headers, ...response.headers } };
  }

  /** KuCoin's checks, in its order: headers present, key known, timestamp, passphrase, signature, IP. */
  #authenticate(request: SimulatorRequest): { account: KucoinSimAccount } | { response: SimulatorResponse } {
    const h = request.headers;
    const [key, sign, timestamp, passphrase] = [h['kc-api-key'], h['kc-api-sign'], h['kc-api-timestamp'], h['kc-api-passphrase']];
    const refuse = (code: string, msg: string, status = 401) => ({ response: kucoinError(status, code, msg) });
    if (!key || !sign || !timestamp || !passphrase)
      return refuse('400001', 'Please check the header of your request for KC-API-KEY, KC-API-SIGN, KC-API-TIMESTAMP, KC-API-PASSPHRASE');
    const account = this.#accounts.get(key);
    if (account === undefined) return refuse('400003', 'KC-API-KEY not exists');
    const at = Number(timestamp);
    if (!/^\d{13}$/.test(timestamp) || Math.abs(request.now - at) > MAX_SKEW_MS)
      return refuse('400002', 'KC-API-TIMESTAMP Invalid -- Time differs from server time by more than 5 seconds');
    const version = h['kc-api-key-version'] ?? '1';
    const expectedPassphrase = version === '2' ? signKucoinPassphrase(account.secret, account.passphrase) : account.passphrase;
    if (version === '2' ? !sameBase64(expectedPassphrase, passphrase) : passphrase !== expectedPassphrase) return refuse('400004', 'Invalid KC-API-PASSPHRASE');
    const endpoint = request.rawQuery === '' ? request.path : `${request.path}?${request.rawQuery}`;
    if (!sameBase64(signKucoinRequest(account.secret, timestamp, request.method, endpoint, request.body), sign))
      return refuse('400005', 'Signature verification failed');
    const allowed = account.ipWhitelist
      .split(',')
      .map((ip) => ip.trim())
      .filter((ip) => ip !== '');
    if (allowed.length > 0 && !allowed.includes(CLIENT_IP)) return refuse('400006', `Invalid request ip, the current clientIp is:${CLIENT_IP}`, 403);
    return { account };
  }
}

/**
 * One page of a time-windowed history, as KuCoin pages: `startAt`/`endAt` in ms, inclusive; a range
 * wider than `maxRangeMs` is refused; without `startAt` the range ends at `endAt` (default now) and
 * spans `maxRangeMs`; newest first; `currentPage` from 1, `pageSize` 10–500 (default 50).
 */
function windowedPage<T extends { createdAt: number }>(
  request: SimulatorRequest,
  all: readonly T[],
  maxRangeMs: number,
  keep: (row: T) => boolean,
): SimulatorResponse {
  const q = request.query;
  const pageSize = q.has('pageSize') ? Number(q.get('pageSize')) : 50;
  if (!Number.isInteger(pageSize) || pageSize > 500) return kucoinError(400, '400100', 'pageSize should not greater than 500');
  const size = Math.max(10, pageSize);
  const currentPage = q.has('currentPage') ? Number(q.get('currentPage')) : 1;
  if (!Number.isInteger(currentPage) || currentPage < 1) return kucoinError(400, '400100', 'currentPage must be a positive integer');
  const endAt = q.has('endAt') ? Number(q.get('endAt')) : q.has('startAt') ? Number(q.get('startAt')) + maxRangeMs : request.now;
  const startAt = q.has('startAt') ? Number(q.get('startAt')) : endAt - maxRangeMs;
  if (!Number.isFinite(startAt) || !Number.isFinite(endAt) || endAt < startAt)
    return kucoinError(400, '400100', 'startAt and endAt are not a valid time range');
  if (endAt - startAt > maxRangeMs) {
    return kucoinError(400, '400100', `The time range between startAt and endAt cannot exceed ${maxRangeMs / 3_600_000} hours`);
  }
  const oldest = request.now - RETENTION_MS;
  const rows = all.filter((row) => row.createdAt >= Math.max(startAt, oldest) && row.createdAt <= endAt && keep(row)).sort((a, b) => b.createdAt - a.createdAt);
  const totalPage = Math.ceil(rows.length / size);
  return ok({ currentPage, pageSize: size, totalNum: rows.length, totalPage, items: rows.slice((currentPage - 1) * size, currentPage * size) });
}

/**
 * One page of the margin interest history, as KuCoin documents it
 * (https://www.kucoin.com/docs/rest/margin-trading/margin-trading-v3-/get-cross-isolated-margin-interest-records):
 * `isIsolated` (`true`, or cross margin by default) with the pair in `symbol` (mandatory for isolated
 * margin), `currency` optional, `startTime`/`endTime` (ms, inclusive) at most 30 days apart, the last
 * 7 days when neither is given, nothing older than 6 months; `currentPage` from 1 and `pageSize`
 * 10–500 (default 50); newest first, `{ timestamp, currentPage, pageSize, totalNum, totalPage, items }`.
 */
function interestPage(request: SimulatorRequest, all: readonly KucoinSimInterest[]): SimulatorResponse {
  const q = request.query;
  const isolated = q.get('isIsolated') === 'true';
  const symbol = q.get('symbol');
  if (isolated && (symbol === null || symbol === '')) return kucoinError(400, '400100', 'symbol is required for isolated margin');
  const pageSize = q.has('pageSize') ? Number(q.get('pageSize')) : 50;
  if (!Number.isInteger(pageSize) || pageSize < 10 || pageSize > 500) return kucoinError(400, '400100', 'pageSize must be between 10 and 500');
  const currentPage = q.has('currentPage') ? Number(q.get('currentPage')) : 1;
  if (!Number.isInteger(currentPage) || currentPage < 1) return kucoinError(400, '400100', 'currentPage must be a positive integer');
  const endTime = q.has('endTime') ? Number(q.get('endTime')) : q.has('startTime') ? Number(q.get('startTime')) + INTEREST_MAX_RANGE_MS : request.now;
  const startTime = q.has('startTime') ? Number(q.get('startTime')) : endTime - (q.has('endTime') ? INTEREST_MAX_RANGE_MS : 7 * DAY_MS);
  if (!Number.isFinite(startTime) || !Number.isFinite(endTime) || endTime < startTime)
    return kucoinError(400, '400100', 'startTime and endTime are not a valid time range');
  if (endTime - startTime > INTEREST_MAX_RANGE_MS) return kucoinError(400, '400100', 'The maximum period for queries should not exceed 30 days');
  const oldest = request.now - INTEREST_RETENTION_MS;
  const rows = all
    .filter((r) => (isolated ? r.symbol === symbol : r.symbol === undefined))
    .filter((r) => !q.has('currency') || r.currency === q.get('currency'))
    .filter((r) => r.createdAt >= Math.max(startTime, oldest) && r.createdAt <= endTime)
    .sort((a, b) => b.createdAt - a.createdAt)
    .map(({ createdAt, currency, interestAmount, dayRatio }) => ({ createdAt, currency, interestAmount, dayRatio }));
  return ok({
    timestamp: request.now,
    currentPage,
    pageSize,
    totalNum: rows.length,
    totalPage: Math.ceil(rows.length / pageSize),
    items: rows.slice((currentPage - 1) * pageSize, currentPage * pageSize),
  });
}

/**
 * A high-frequency account ledger (trading or margin), as KuCoin pages it: a plain list, newest first by id, at most
 * `limit` (≤ 200, default 100) entries below `lastId`; `startAt`/`endAt` (ms, inclusive) span 7 days
 * at most.
 */
function hfLedgerPage(request: SimulatorRequest, all: readonly KucoinWireLedgerEntry[]): SimulatorResponse {
  const q = request.query;
  const limit = q.has('limit') ? Number(q.get('limit')) : 100;
  if (!Number.isInteger(limit) || limit < 1 || limit > 200) return kucoinError(400, '400100', 'limit should be between 1 and 200');
  const endAt = q.has('endAt') ? Number(q.get('endAt')) : request.now;
  const startAt = q.has('startAt') ? Number(q.get('startAt')) : endAt - 7 * DAY_MS;
  if (!Number.isFinite(startAt) || !Number.isFinite(endAt) || endAt < startAt)
    return kucoinError(400, '400100', 'startAt and endAt are not a valid time range');
  if (endAt - startAt > 7 * DAY_MS) return kucoinError(400, '400100', 'The time range between startAt and endAt cannot exceed 7 days');
  const lastId = q.has('lastId') ? BigInt(q.get('lastId') as string) : undefined;
  const oldest = request.now - RETENTION_MS;
  const rows = all
    .filter((e) => e.createdAt >= Math.max(startAt, oldest) && e.createdAt <= endAt)
    .filter((e) => lastId === undefined || BigInt(e.id) < lastId)
    .sort((a, b) => (BigInt(b.id) > BigInt(a.id) ? 1 : -1))
    .slice(0, limit);
  return ok(rows);
}

/**
 * High-frequency fills of one symbol (required), as KuCoin pages them: newest first by `id`, at most
 * `limit` (≤ 100, default 20) below `lastId`, `startAt`/`endAt` 7 days at most; `{ items, lastId }`.
 */
function hfFillsPage(request: SimulatorRequest, all: readonly KucoinWireHfFill[]): SimulatorResponse {
  const q = request.query;
  const symbol = q.get('symbol');
  if (symbol === null || symbol === '') return kucoinError(400, '400100', 'symbol is required');
  const limit = q.has('limit') ? Number(q.get('limit')) : 20;
  if (!Number.isInteger(limit) || limit < 1 || limit > 100) return kucoinError(400, '400100', 'limit should be between 1 and 100');
  const endAt = q.has('endAt') ? Number(q.get('endAt')) : request.now;
  const startAt = q.has('startAt') ? Number(q.get('startAt')) : endAt - 7 * DAY_MS;
  if (!Number.isFinite(startAt) || !Number.isFinite(endAt) || endAt < startAt)
    return kucoinError(400, '400100', 'startAt and endAt are not a valid time range');
  if (endAt - startAt > 7 * DAY_MS) return kucoinError(400, '400100', 'The time range between startAt and endAt cannot exceed 7 days');
  const lastId = q.has('lastId') ? Number(q.get('lastId')) : undefined;
  const oldest = request.now - RETENTION_MS;
  const items = all
    .filter((f) => f.symbol === symbol && f.createdAt >= Math.max(startAt, oldest) && f.createdAt <= endAt)
    .filter((f) => lastId === undefined || f.id < lastId)
    .sort((a, b) => b.id - a.id)
    .slice(0, limit);
  return ok({ items, lastId: items.at(-1)?.id ?? null });
}

const spotSymbol = (baseCurrency: string, quoteCurrency: string): KucoinWireSymbol => ({
  symbol: `${baseCurrency}-${quoteCurrency}`,
  name: `${baseCurrency}-${quoteCurrency}`,
  baseCurrency,
  quoteCurrency,
  market: quoteCurrency === 'USDT' ? 'USDS' : quoteCurrency,
  enableTrading: true,
});

/** Spot pairs the demo trades, and a few it does not. */
export const DEFAULT_KUCOIN_SYMBOLS: readonly KucoinWireSymbol[] = [
  spotSymbol('BTC', 'USDT'),
  spotSymbol('ETH', 'USDT'),
  spotSymbol('SOL', 'USDT'),
  spotSymbol('ETH', 'BTC'),
  spotSymbol('KCS', 'USDT'),
  spotSymbol('XRP', 'USDT'),
];

const contract = (symbol: string, base: string, quote: string, settle: string, multiplier: number): KucoinWireContract => ({
  symbol,
  rootSymbol: settle,
  baseCurrency: base,
  quoteCurrency: quote,
  settleCurrency: settle,
  multiplier,
  isInverse: multiplier < 0,
  type: 'FFWCSX',
  status: 'Open',
});

/** Contract sizes as KuCoin lists them: XBTUSDTM is 0.001 XBT, ETHUSDTM 0.01 ETH, SOLUSDTM 0.1 SOL, XBTUSDM 1 USD. */
export const DEFAULT_KUCOIN_CONTRACTS: readonly KucoinWireContract[] = [
  contract('XBTUSDTM', 'XBT', 'USDT', 'USDT', 0.001),
  contract('ETHUSDTM', 'ETH', 'USDT', 'USDT', 0.01),
  contract('SOLUSDTM', 'SOL', 'USDT', 'USDT', 0.1),
  contract('XBTUSDM', 'XBT', 'USD', 'XBT', -1),
  contract('ETHUSDM', 'ETH', 'USD', 'ETH', -1),
];
