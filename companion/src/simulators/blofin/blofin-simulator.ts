import { HostedSimulator } from '../framework/hosted-simulator.js';
import { type SimulatorClock, type SimulatorRequest, type SimulatorResponse, SimulatorServer } from '../framework/simulator-server.js';
import { upgradeTo } from '../framework/websocket-endpoint.js';
import { BlofinPrivateStream } from './blofin-private-stream.js';
import { BlofinRateLimiter } from './blofin-rate-limits.js';
import { isValidBlofinSignature } from './blofin-signature.js';
import type { BlofinAccountType, BlofinSimAccount, BlofinWireInstrument, BlofinWirePosition } from './blofin-sim-account.js';

/**
 * A local BloFin REST API (v1) for tests and the demo. It answers what the BloFin connector
 * calls and behaves like BloFin where a client can get it wrong:
 *
 * - private requests carry `ACCESS-KEY`, `ACCESS-SIGN`, `ACCESS-TIMESTAMP`, `ACCESS-NONCE` and
 *   `ACCESS-PASSPHRASE`; the signature is re-derived (blofin-signature.ts) over the path with its
 *   query, and refused with 152409; a timestamp more than 60 s away is refused with 152405, a
 *   nonce used again within 60 s with 152407, a wrong passphrase with 152408, an unknown key
 *   with 152401, an IP outside the key's list with 152406 (all HTTP 401);
 * - 500 requests per minute per IP, then HTTP 429 (code "429") for five minutes, and 1500 per five
 *   minutes, then 429 for an hour (blofin-rate-limits.ts); maintenance answers HTTP 503;
 * - histories are newest first, at most 100 rows, paged with `after`/`before`: trade ids for
 *   fills, timestamps for deposits and withdrawals; amounts carry BloFin's 18 decimals.
 */

export interface BlofinSimulatorOptions {
  clock?: SimulatorClock;
  instruments?: readonly BlofinWireInstrument[];
}

const MAX_SKEW_MS = 60_000;
const NONCE_MEMORY_MS = 60_000;
const ACCOUNT_TYPES: readonly BlofinAccountType[] = ['funding', 'spot', 'futures', 'earn', 'copy_trading'];

const blofinError = (code: string, msg: string) => ({ code, msg, data: null });
const ok = (data: unknown): SimulatorResponse => ({ status: 200, json: { code: '0', msg: 'success', data } });
const paramError = (msg: string): SimulatorResponse => ({ status: 400, json: blofinError('152002', msg) });

type Handler = (request: SimulatorRequest, account: BlofinSimAccount) => SimulatorResponse;

export class BlofinSimulator extends HostedSimulator {
  protected readonly server: SimulatorServer;
  readonly #accounts = new Map<string, BlofinSimAccount>();
  readonly #instruments: readonly BlofinWireInstrument[];
  readonly #limiter = new BlofinRateLimiter();
  /** Nonces seen per key, with when. */
  readonly #nonces = new Map<string, Map<string, number>>();
  readonly #private: Record<string, Handler>;
  /** BloFin answers every call with HTTP 503 while this is set. */
  maintenance = false;
  /** When set, keys are bound to IPs and this client's address is not among them (152406). */
  ipMismatch = false;

  /** The private stream (`/ws/private`): the positions channel (blofin-private-stream.ts). */
  readonly #stream: BlofinPrivateStream;

  constructor(options: BlofinSimulatorOptions = {}) {
    super();
    this.#instruments = options.instruments ?? DEFAULT_BLOFIN_INSTRUMENTS;
    this.server = new SimulatorServer({
      clock: options.clock,
      upgrade: (req, socket, head) => upgradeTo(this.server.requests, () => this.now(), this.#stream.endpoint)(req, socket, head),
      handler: (request) => this.#handle(request),
      statusBody: (fault) =>
        fault.status === 429
          ? blofinError('429', 'Rate limit reached. Please refer to API documentation and throttle requests accordingly')
          : blofinError(String(fault.status), fault.status === 503 ? 'Service Unavailable' : 'Internal Server Error'),
    });
    this.#stream = new BlofinPrivateStream({ account: (apiKey) => this.#accounts.get(apiKey), now: () => this.now(), requests: this.server.requests });
    this.#private = {
      'GET /api/v1/user/query-apikey': (req, account) =>
        ok({
          uid: account.uid,
          apiName: 'omnifolio',
          apiKey: account.apiKey,
          readOnly: account.readOnly,
          ips: ['127.0.0.1'],
          type: 1,
          expireTime: String(req.now + 90 * 86_400_000),
          createTime: String(req.now - 7 * 86_400_000),
          referralCode: '',
          parentUid: '0',
        }),
      'GET /api/v1/asset/balances': (req, account) => {
        const type = req.query.get('accountType');
        if (type === null || type === '') return { status: 400, json: blofinError('152001', 'Parameter accountType cannot be empty') };
        if (!ACCOUNT_TYPES.includes(type as BlofinAccountType)) return paramError('Parameter accountType error');
        const currency = req.query.get('currency');
        return ok(account.balances[type as BlofinAccountType].filter((b) => currency === null || b.currency === currency));
      },
      'GET /api/v1/account/positions': (req, account) => ok(account.positions.filter((p) => !req.query.has('instId') || p.instId === req.query.get('instId'))),
      'GET /api/v1/spot/trade/fills-history': (req, account) => {
        if (req.query.get('instType') !== 'SPOT') return { status: 400, json: blofinError('152001', 'Parameter instType cannot be empty') };
        return pageByTradeId(req, account.spotFills);
      },
      'GET /api/v1/trade/fills-history': (req, account) => pageByTradeId(req, account.futuresFills),
      'GET /api/v1/asset/deposit-history': (req, account) => pageByTs(req, account.deposits),
      'GET /api/v1/asset/withdrawal-history': (req, account) => pageByTs(req, account.withdrawals),
      // Funds transfer history: newest first, `after`/`before` are timestamps, filters by account.
      'GET /api/v1/asset/bills': (req, account) =>
        pageByTs(
          req,
          (account.transfers ?? []).filter(
            (t) =>
              (!req.query.has('fromAccount') || t.fromAccount === req.query.get('fromAccount')) &&
              (!req.query.has('toAccount') || t.toAccount === req.query.get('toAccount')),
          ),
        ),
    };
  }

  addAccount(account: BlofinSimAccount): BlofinSimAccount {
    this.#accounts.set(account.apiKey, account);
    return account;
  }

  /** Opens, changes or (`positions` "0") closes a position (what REST serves) and pushes it on the `positions` channel. */
  movePosition(apiKey: string, change: BlofinWirePosition): void {
    const account = this.#accounts.get(apiKey);
    if (account === undefined) throw new Error(`No simulated BloFin account has the API key ${apiKey}.`);
    this.#stream.movePosition(account, change);
  }

  /** Private-stream connections of this key subscribed to `channel`. */
  privateStreamSubscribers(apiKey: string, channel: string): number {
    return this.#stream.subscribers(apiKey, channel);
  }

  /** Resolves once every private-stream connection has closed. */
  privateStreamIdle(): Promise<void> {
    return this.#stream.endpoint.idle();
  }

  /** Drops every private-stream connection, as BloFin does when it restarts a stream server. */
  dropPrivateStreams(): void {
    this.#stream.endpoint.close();
  }

  override stop(): Promise<void> {
    this.#stream.endpoint.close();
    return super.stop();
  }

  #handle(request: SimulatorRequest): SimulatorResponse {
    const route = `${request.method} ${request.path}`;
    const isPublic = route === 'GET /api/v1/market/instruments';
    const handler = this.#private[route];
    if (!isPublic && handler === undefined) return { status: 404, json: blofinError('404', 'Not Found') };
    if (this.maintenance) return { status: 503, json: blofinError('503', 'Service Unavailable') };
    const suspendedMs = this.#limiter.charge(request.now);
    if (suspendedMs !== undefined)
      return { status: 429, json: blofinError('429', 'Rate limit reached. Please refer to API documentation and throttle requests accordingly') };
    if (isPublic) {
      const instId = request.query.get('instId');
      return ok(this.#instruments.filter((i) => instId === null || i.instId === instId));
    }
    const authenticated = this.#authenticate(request);
    if ('response' in authenticated) return authenticated.response;
    return (handler as Handler)(request, authenticated.account);
  }

  /** BloFin's checks: key known, timestamp format and age, nonce unused, passphrase, IP, signature. */
  #authenticate(request: SimulatorRequest): { account: BlofinSimAccount } | { response: SimulatorResponse } {
    const h = request.headers;
    const refuse = (code: string, msg: string) => ({ response: { status: 401, json: blofinError(code, msg) } });
    const account = this.#accounts.get(h['access-key'] ?? '');
    if (account === undefined) return refuse('152401', 'Access key does not exist');
    const timestamp = h['access-timestamp'] ?? '';
    if (!/^\d{13}$/.test(timestamp)) return refuse('152410', 'The value of ACCESS-TIMESTAMP needs to be a millisecond timestamp');
    if (Math.abs(request.now - Number(timestamp)) > MAX_SKEW_MS) return refuse('152405', 'Timestamp in header or signature has expired, need to be within 60s');
    const nonce = h['access-nonce'] ?? '';
    const seen = this.#nonces.get(account.apiKey) ?? new Map<string, number>();
    for (const [value, at] of seen) if (at <= request.now - NONCE_MEMORY_MS) seen.delete(value);
    if (nonce === '' || seen.has(nonce)) return refuse('152407', 'Repeated nonce, Reusing within 60 seconds is not allowed.');
    if ((h['access-passphrase'] ?? '') !== account.passphrase) return refuse('152408', 'Passphrase error');
    if (this.ipMismatch) return refuse('152406', "Your IP is not included in your API key's IP whitelist");
    const requestPath = request.rawQuery === '' ? request.path : `${request.path}?${request.rawQuery}`;
    if (!isValidBlofinSignature(account.secret, h['access-sign'] ?? '', requestPath, request.method, timestamp, nonce, request.body)) {
      return refuse('152409', 'Signature verification failed');
    }
    seen.set(nonce, request.now);
    this.#nonces.set(account.apiKey, seen);
    return { account };
  }
}

function limitOf(request: SimulatorRequest): number | SimulatorResponse {
  const limit = request.query.has('limit') ? Number(request.query.get('limit')) : 20;
  return Number.isInteger(limit) && limit >= 1 && limit <= 100 ? limit : paramError('Parameter limit error');
}

/** Fills: newest first by trade id; `after` returns older trades, `before` newer ones (the nearest), not both. */
function pageByTradeId(request: SimulatorRequest, all: readonly (Record<string, string> & { tradeId: string; instId: string })[]): SimulatorResponse {
  const q = request.query;
  const limit = limitOf(request);
  if (typeof limit !== 'number') return limit;
  if (q.has('after') && q.has('before')) return paramError('The before and after parameters cannot be used simultaneously');
  const after = q.has('after') ? BigInt(q.get('after') as string) : undefined;
  const before = q.has('before') ? BigInt(q.get('before') as string) : undefined;
  const rows = all
    .filter((f) => !q.has('instId') || f.instId === q.get('instId'))
    .filter((f) => (after === undefined || BigInt(f.tradeId) < after) && (before === undefined || BigInt(f.tradeId) > before))
    .sort((a, b) => (BigInt(b.tradeId) > BigInt(a.tradeId) ? 1 : -1));
  return ok(before !== undefined ? rows.slice(-limit) : rows.slice(0, limit));
}

/** Deposits, withdrawals and transfers: newest first by `ts`; `after`/`before` are timestamps (ms). */
function pageByTs(request: SimulatorRequest, all: readonly (Record<string, string> & { ts: string; currency: string })[]): SimulatorResponse {
  const q = request.query;
  const limit = limitOf(request);
  if (typeof limit !== 'number') return limit;
  const after = q.has('after') ? Number(q.get('after')) : undefined;
  const before = q.has('before') ? Number(q.get('before')) : undefined;
  const rows = all
    .filter((r) => (after === undefined || Number(r.ts) < after) && (before === undefined || Number(r.ts) > before))
    .filter((r) => !q.has('currency') || r.currency === q.get('currency'))
    .sort((a, b) => Number(b.ts) - Number(a.ts));
  return ok(before !== undefined && after === undefined ? rows.slice(-limit) : rows.slice(0, limit));
}

const swap = (base: string, contractValue: string): BlofinWireInstrument => ({
  instId: `${base}-USDT`,
  baseCurrency: base,
  quoteCurrency: 'USDT',
  contractValue,
  instType: 'SWAP',
  contractType: 'linear',
  settleCurrency: 'USDT',
  state: 'live',
});

/** Contract values as BloFin lists them: BTC-USDT is 0.001 BTC per contract, ETH-USDT 0.01 ETH, SOL-USDT 1 SOL. */
export const DEFAULT_BLOFIN_INSTRUMENTS: readonly BlofinWireInstrument[] = [swap('BTC', '0.001'), swap('ETH', '0.01'), swap('SOL', '1')];
