import { HostedSimulator } from '../framework/hosted-simulator.js';
import { type SimulatorClock, type SimulatorRequest, type SimulatorResponse, SimulatorServer } from '../framework/simulator-server.js';
import { type KucoinPool, KucoinResourcePools } from './kucoin-rate-limits.js';
import { sameBase64, signKucoinPassphrase, signKucoinRequest } from './kucoin-signature.js';
import type { KucoinSimAccount, KucoinWireContract } from './kucoin-sim-account.js';

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
const DAY_MS = 86_400_000;
const RETENTION_MS = 365 * DAY_MS;
/** The address every simulator request comes from; a key bound to other IPs is refused. */
const CLIENT_IP = '127.0.0.1';

const kucoinError = (status: number, code: string, msg: string): SimulatorResponse => ({ status, json: { code, msg } });
const ok = (data: unknown): SimulatorResponse => ({ status: 200, json: { code: '200000', data } });

export class KucoinSimulator extends HostedSimulator {
  protected readonly server: SimulatorServer;
  readonly #accounts = new Map<string, KucoinSimAccount>();
  readonly #contracts: readonly KucoinWireContract[];
  readonly #pools: KucoinResourcePools;
  readonly #endpoints: Record<string, Endpoint>;
  /** Every call is answered 503 while this is set, as during KuCoin's upgrades. */
  maintenance = false;

  constructor(options: KucoinSimulatorOptions = {}) {
    super();
    this.#contracts = options.contracts ?? DEFAULT_KUCOIN_CONTRACTS;
    this.#pools = new KucoinResourcePools(options.poolQuotas);
    this.server = new SimulatorServer({
      clock: options.clock,
      handler: (request) => this.#handle(request),
      statusBody: (fault) =>
        fault.status === 429
          ? { code: '429000', msg: 'Too Many Requests' }
          : fault.status === 503
            ? { code: '500000', msg: 'System maintenance in progress, please try again later.' }
            : { code: '500000', msg: 'Internal Server Error' },
    });
    this.#endpoints = {
      'GET /api/v1/contracts/active': { signed: false, pool: 'public', weight: 3, handle: () => ok(this.#contracts) },
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
            uid: 165_111_215,
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
      'GET /api/v1/transaction-history': {
        signed: true,
        pool: 'futures',
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
        // tradeType: TRADE (spot, the default) or MARGIN_TRADE (cross margin).
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
