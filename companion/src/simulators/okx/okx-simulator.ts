import { HostedSimulator } from '../framework/hosted-simulator.js';
import { type SimulatorClock, type SimulatorRequest, type SimulatorResponse, SimulatorServer } from '../framework/simulator-server.js';
import { upgradeTo } from '../framework/websocket-endpoint.js';
import { accountBillsArchive, assetBills, lendingHistory, savingsBalance, stakingOrdersActive } from './okx-ledger-endpoints.js';
import { OkxPrivateStream } from './okx-private-stream.js';
import { type OkxRateLimit, OkxRateLimiter } from './okx-rate-limits.js';
import { isValidOkxSignature } from './okx-signature.js';
import type { OkxSimAccount, OkxWireBalanceDetail, OkxWireInstrument } from './okx-sim-account.js';

/**
 * A local OKX v5 REST API for tests and the demo. It answers what the OKX connector calls and
 * behaves like OKX where a client can get it wrong:
 *
 * - private requests carry `OK-ACCESS-KEY`, `OK-ACCESS-SIGN`, `OK-ACCESS-TIMESTAMP` and
 *   `OK-ACCESS-PASSPHRASE`; the signature is re-derived (okx-signature.ts) and a timestamp more
 *   than 30 s from the server's time is refused with 50102, as OKX does;
 * - errors are OKX's: HTTP 401 with `{ code: "50111" | "50113" | "50105" | "50102", msg, data: [] }`,
 *   429 with 50011 when an endpoint's documented rate limit is exceeded, 503 with 50001 in maintenance;
 * - histories page newest first with `after`/`before` cursors (`billId` for fills, `ts` for
 *   deposits and withdrawals), at most 100 rows; fills-history keeps three months;
 * - the trading and funding ledgers and the Earn reads are in okx-ledger-endpoints.ts.
 */

export interface OkxSimulatorOptions {
  clock?: SimulatorClock;
  instruments?: readonly OkxWireInstrument[];
  /** Positions per page of the private `positions` snapshot (okx-private-stream.ts); one page by default. */
  positionsSnapshotPageSize?: number;
}

interface Endpoint {
  signed: boolean;
  limit: OkxRateLimit;
  handle: (request: SimulatorRequest, account: OkxSimAccount | undefined) => SimulatorResponse;
}

const MAX_SKEW_MS = 30_000;
/** The simulated account's uid (`/account/config`, and each private push's `arg`). */
const OKX_SIM_UID = '44705892343619584';
const FILLS_RETENTION_MS = 90 * 86_400_000;

const okxError = (code: string, msg: string) => ({ code, msg, data: [] });
const ok = (data: unknown): SimulatorResponse => ({ status: 200, json: { code: '0', msg: '', data } });

export class OkxSimulator extends HostedSimulator {
  protected readonly server: SimulatorServer;
  readonly #accounts = new Map<string, OkxSimAccount>();
  readonly #instruments: readonly OkxWireInstrument[];
  readonly #limiter = new OkxRateLimiter();
  readonly #endpoints: Record<string, Endpoint>;
  readonly #privateStream: OkxPrivateStream;
  /** OKX answers every call with 50001 while this is set. */
  maintenance = false;

  constructor(options: OkxSimulatorOptions = {}) {
    super();
    this.#instruments = options.instruments ?? DEFAULT_OKX_INSTRUMENTS;
    this.server = new SimulatorServer({
      clock: options.clock,
      handler: (request) => this.#handle(request),
      statusBody: (fault) =>
        fault.status === 429
          ? okxError('50011', 'Too Many Requests')
          : fault.status === 503
            ? okxError('50001', 'Service temporarily unavailable. Please try again later.')
            : okxError('50000', 'System error'),
      upgrade: (req, socket, head) => upgradeTo(this.server.requests, () => this.now(), this.#privateStream)(req, socket, head),
    });
    this.#privateStream = new OkxPrivateStream({
      account: (apiKey) => this.#accounts.get(apiKey),
      now: () => this.now(),
      requests: this.server.requests,
      uid: OKX_SIM_UID,
      snapshotPageSize: options.positionsSnapshotPageSize,
    });
    const accountOf = (account: OkxSimAccount | undefined) => must(account);
    this.#endpoints = {
      'GET /api/v5/public/instruments': { signed: false, limit: { requests: 20, windowMs: 2_000 }, handle: (req) => this.#instrumentsOf(req) },
      'GET /api/v5/account/config': {
        signed: true,
        limit: { requests: 5, windowMs: 2_000 },
        handle: (_req, account) =>
          ok([
            {
              uid: OKX_SIM_UID,
              mainUid: OKX_SIM_UID,
              acctLv: '2',
              posMode: 'net_mode',
              perm: accountOf(account).perm,
              label: 'omnifolio',
              level: 'Lv1',
              ip: '',
            },
          ]),
      },
      'GET /api/v5/account/balance': {
        signed: true,
        limit: { requests: 10, windowMs: 2_000 },
        handle: (req, account) => this.#balance(req, accountOf(account)),
      },
      'GET /api/v5/asset/balances': {
        signed: true,
        limit: { requests: 6, windowMs: 1_000 },
        handle: (req, account) => {
          const ccys = req.query.get('ccy')?.split(',');
          return ok(accountOf(account).funding.filter((row) => ccys === undefined || ccys.includes(row.ccy)));
        },
      },
      'GET /api/v5/account/positions': {
        signed: true,
        limit: { requests: 10, windowMs: 2_000 },
        handle: (req, account) => ok(accountOf(account).positions.filter((p) => !req.query.has('instType') || p.instType === req.query.get('instType'))),
      },
      'GET /api/v5/trade/fills-history': {
        signed: true,
        limit: { requests: 10, windowMs: 2_000 },
        handle: (req, account) => this.#fills(req, accountOf(account)),
      },
      'GET /api/v5/asset/deposit-history': {
        signed: true,
        limit: { requests: 6, windowMs: 1_000 },
        handle: (req, account) => pageByTs(req, accountOf(account).deposits),
      },
      'GET /api/v5/asset/withdrawal-history': {
        signed: true,
        limit: { requests: 6, windowMs: 1_000 },
        handle: (req, account) => pageByTs(req, accountOf(account).withdrawals),
      },
      'GET /api/v5/account/bills-archive': {
        signed: true,
        limit: { requests: 5, windowMs: 2_000 },
        handle: (req, account) => accountBillsArchive(req, accountOf(account)),
      },
      'GET /api/v5/asset/bills': { signed: true, limit: { requests: 6, windowMs: 1_000 }, handle: (req, account) => assetBills(req, accountOf(account)) },
      'GET /api/v5/finance/savings/balance': {
        signed: true,
        limit: { requests: 6, windowMs: 1_000 },
        handle: (req, account) => savingsBalance(req, accountOf(account)),
      },
      'GET /api/v5/finance/savings/lending-history': {
        signed: true,
        limit: { requests: 6, windowMs: 1_000 },
        handle: (req, account) => lendingHistory(req, accountOf(account)),
      },
      'GET /api/v5/finance/staking-defi/orders-active': {
        signed: true,
        limit: { requests: 3, windowMs: 1_000 },
        handle: (req, account) => stakingOrdersActive(req, accountOf(account)),
      },
    };
  }

  addAccount(account: OkxSimAccount): OkxSimAccount {
    this.#accounts.set(account.apiKey, account);
    return account;
  }

  account(apiKey: string): OkxSimAccount {
    const account = this.#accounts.get(apiKey);
    if (account === undefined) throw new Error(`No simulated OKX account has the API key ${apiKey}.`);
    return account;
  }

  /**
   * Trading account balances change (whole `details[]` rows, per currency; a currency not held
   * yet is added): `/account/balance` serves them, and every `account` subscriber of the key gets
   * the `event_update` push OKX sends, naming these currencies.
   */
  setTradingBalances(apiKey: string, details: readonly OkxWireBalanceDetail[]): void {
    const account = this.account(apiKey);
    for (const detail of details) {
      const index = account.trading.findIndex((d) => d.ccy === detail.ccy);
      if (index >= 0) account.trading[index] = detail;
      else account.trading.push(detail);
    }
    this.#privateStream.pushBalances(apiKey, details);
  }

  /**
   * A position changes (a whole `/account/positions` row; `pos` "0" closes it): the REST list
   * follows, and every `positions` subscriber of the key gets the `event_update` push.
   */
  setPosition(apiKey: string, row: Record<string, string>): void {
    const account = this.account(apiKey);
    const same = (p: Record<string, string>) => p.instId === row.instId && p.posSide === row.posSide && p.mgnMode === row.mgnMode;
    const index = account.positions.findIndex(same);
    if (row.pos === '0') account.positions = account.positions.filter((p) => !same(p));
    else if (index >= 0) account.positions[index] = row;
    else account.positions.push(row);
    this.#privateStream.pushPositions(apiKey, [row]);
  }

  /** Connections logged in with this key and subscribed to the private `account` or `positions` channel. */
  privateSubscribers(apiKey: string, channel: 'account' | 'positions'): number {
    return this.#privateStream.subscribers(apiKey, channel);
  }

  /** Open private WebSocket connections, logged in or not. */
  get privateConnections(): number {
    return this.#privateStream.connections;
  }

  /** Resolves once every private WebSocket connection has closed. */
  privateIdle(): Promise<void> {
    return this.#privateStream.idle();
  }

  override stop(): Promise<void> {
    this.#privateStream.close();
    return super.stop();
  }

  #handle(request: SimulatorRequest): SimulatorResponse {
    const endpoint = this.#endpoints[`${request.method} ${request.path}`];
    if (endpoint === undefined) return { status: 404, json: okxError('50014', `Path ${request.path} does not exist`) };
    if (this.maintenance) return { status: 503, json: okxError('50001', 'Service temporarily unavailable. Please try again later.') };

    let account: OkxSimAccount | undefined;
    if (endpoint.signed) {
      const authenticated = this.#authenticate(request);
      if ('response' in authenticated) return authenticated.response;
      account = authenticated.account;
    }
    const bucket = `${account?.apiKey ?? 'ip'} ${request.path}`;
    const waitMs = this.#limiter.charge(bucket, endpoint.limit, this.now());
    if (waitMs !== undefined)
      return { status: 429, headers: { 'retry-after': String(Math.ceil(waitMs / 1000)) }, json: okxError('50011', 'Too Many Requests') };
    return endpoint.handle(request, account);
  }

  /** OKX's checks, in its order: headers present, key known, timestamp in range, passphrase, signature. */
  #authenticate(request: SimulatorRequest): { account: OkxSimAccount } | { response: SimulatorResponse } {
    const h = request.headers;
    const key = h['ok-access-key'];
    const sign = h['ok-access-sign'];
    const timestamp = h['ok-access-timestamp'];
    const passphrase = h['ok-access-passphrase'];
    const unauthorized = (code: string, msg: string) => ({ response: { status: 401, json: okxError(code, msg) } });
    if (key === undefined || key === '') return unauthorized('50103', 'Request header "OK-ACCESS-KEY" cannot be empty.');
    if (sign === undefined || sign === '') return unauthorized('50106', 'Request header "OK-ACCESS-SIGN" cannot be empty.');
    if (timestamp === undefined || timestamp === '') return unauthorized('50107', 'Request header "OK-ACCESS-TIMESTAMP" cannot be empty.');
    if (passphrase === undefined || passphrase === '') return unauthorized('50104', 'Request header "OK-ACCESS-PASSPHRASE" cannot be empty.');
    const account = this.#accounts.get(key);
    if (account === undefined) return unauthorized('50111', 'Invalid OK-ACCESS-KEY.');
    const at = Date.parse(timestamp);
    if (!/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/.test(timestamp) || !Number.isFinite(at)) return unauthorized('50112', 'Invalid OK-ACCESS-TIMESTAMP.');
    if (Math.abs(request.now - at) > MAX_SKEW_MS) return unauthorized('50102', 'Timestamp request expired.');
    if (passphrase !== account.passphrase) return unauthorized('50105', 'Invalid OK-ACCESS-PASSPHRASE.');
    const requestPath = request.rawQuery === '' ? request.path : `${request.path}?${request.rawQuery}`;
    if (!isValidOkxSignature(account.secret, sign, timestamp, request.method, requestPath, request.body)) return unauthorized('50113', 'Invalid Sign.');
    return { account };
  }

  #instrumentsOf(request: SimulatorRequest): SimulatorResponse {
    const instType = request.query.get('instType');
    if (instType === null || instType === '') return { status: 400, json: okxError('50014', 'Parameter instType can not be empty.') };
    const instId = request.query.get('instId');
    // Options are listed per underlying: OKX requires `uly` or `instFamily` with instType OPTION.
    const family = request.query.get('instFamily') ?? request.query.get('uly');
    if (instType === 'OPTION' && (family === null || family === '')) return { status: 400, json: okxError('50014', 'Parameter instFamily can not be empty.') };
    return ok(
      this.#instruments.filter(
        (i) => i.instType === instType && (instId === null || i.instId === instId) && (family === null || i.instId.startsWith(`${family}-`)),
      ),
    );
  }

  #balance(request: SimulatorRequest, account: OkxSimAccount): SimulatorResponse {
    if (account.tradingResponse !== undefined) return { status: 200, json: account.tradingResponse };
    const ccys = request.query.get('ccy')?.split(',');
    const details = account.trading.filter((d) => ccys === undefined || ccys.includes(d.ccy));
    return ok([
      {
        adjEq: '',
        availEq: '',
        imr: '',
        mmr: '',
        isoEq: '0',
        mgnRatio: '',
        notionalUsd: '',
        ordFroz: '',
        totalEq: '',
        uTime: String(request.now),
        upl: '0',
        details,
      },
    ]);
  }

  #fills(request: SimulatorRequest, account: OkxSimAccount): SimulatorResponse {
    const q = request.query;
    const instType = q.get('instType');
    if (instType === null || instType === '') return { status: 400, json: okxError('50014', 'Parameter instType can not be empty.') };
    const limit = q.has('limit') ? Number(q.get('limit')) : 100;
    if (!Number.isInteger(limit) || limit < 1 || limit > 100) return { status: 400, json: okxError('51000', 'Parameter limit error') };
    const after = q.has('after') ? BigInt(q.get('after') as string) : undefined;
    const before = q.has('before') ? BigInt(q.get('before') as string) : undefined;
    let rows = account.fills
      .filter((f) => f.instType === instType && Number(f.ts) >= request.now - FILLS_RETENTION_MS)
      .filter((f) => !q.has('instId') || f.instId === q.get('instId'))
      .filter((f) => (after === undefined || BigInt(f.billId) < after) && (before === undefined || BigInt(f.billId) > before))
      .sort((a, b) => (BigInt(b.billId) > BigInt(a.billId) ? 1 : -1));
    // With only `before`, OKX answers the records nearest to it (the oldest of the newer ones), newest first.
    rows = before !== undefined && after === undefined ? rows.slice(-limit) : rows.slice(0, limit);
    return ok(rows);
  }
}

/** Deposit and withdrawal history: newest first, `after`/`before` are timestamps (ms), at most 100 rows. */
function pageByTs(request: SimulatorRequest, all: readonly (Record<string, string> & { ts: string })[]): SimulatorResponse {
  const q = request.query;
  const limit = q.has('limit') ? Number(q.get('limit')) : 100;
  if (!Number.isInteger(limit) || limit < 1 || limit > 100) return { status: 400, json: okxError('51000', 'Parameter limit error') };
  const after = q.has('after') ? Number(q.get('after')) : undefined;
  const before = q.has('before') ? Number(q.get('before')) : undefined;
  const rows = all
    .filter((r) => (after === undefined || Number(r.ts) < after) && (before === undefined || Number(r.ts) > before))
    .filter((r) => !q.has('ccy') || r.ccy === q.get('ccy'))
    .sort((a, b) => Number(b.ts) - Number(a.ts));
  return ok(before !== undefined && after === undefined ? rows.slice(-limit) : rows.slice(0, limit));
}

function must(account: OkxSimAccount | undefined): OkxSimAccount {
  if (account === undefined) throw new Error('A signed endpoint ran without an authenticated account.');
  return account;
}

const instrument = (
  instType: OkxWireInstrument['instType'],
  instId: string,
  ctVal: string,
  ctValCcy: string,
  ctType: OkxWireInstrument['ctType'],
  settleCcy: string,
): OkxWireInstrument => {
  const [base = '', quote = ''] = instId.split('-');
  return {
    instType,
    instId,
    baseCcy: instType === 'SPOT' ? base : '',
    quoteCcy: instType === 'SPOT' ? quote : '',
    settleCcy,
    ctVal,
    ctMult: ctVal === '' ? '' : '1',
    ctValCcy,
    ctType,
    state: 'live',
  };
};

/** Contract values as OKX lists them: BTC-USDT-SWAP is 0.01 BTC, LTC-USDT-SWAP 1 LTC, BTC-USD-SWAP 100 USD, a BTC option 0.01 BTC. */
export const DEFAULT_OKX_INSTRUMENTS: readonly OkxWireInstrument[] = [
  instrument('SWAP', 'BTC-USDT-SWAP', '0.01', 'BTC', 'linear', 'USDT'),
  instrument('SWAP', 'ETH-USDT-SWAP', '0.1', 'ETH', 'linear', 'USDT'),
  instrument('SWAP', 'LTC-USDT-SWAP', '1', 'LTC', 'linear', 'USDT'),
  instrument('SWAP', 'BTC-USD-SWAP', '100', 'USD', 'inverse', 'BTC'),
  instrument('SWAP', 'ETH-USD-SWAP', '10', 'USD', 'inverse', 'ETH'),
  instrument('FUTURES', 'BTC-USDT-261225', '0.01', 'BTC', 'linear', 'USDT'),
  instrument('FUTURES', 'BTC-USD-261225', '100', 'USD', 'inverse', 'BTC'),
  instrument('OPTION', 'BTC-USD-270326-100000-C', '0.01', 'BTC', '', 'BTC'),
  instrument('OPTION', 'BTC-USD-270326-80000-P', '0.01', 'BTC', '', 'BTC'),
];
