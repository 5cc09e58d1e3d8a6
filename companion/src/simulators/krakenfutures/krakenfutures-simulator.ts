import { LosslessNumber, stringify } from 'lossless-json';
import { HostedSimulator } from '../framework/hosted-simulator.js';
import { type SimulatorClock, type SimulatorRequest, type SimulatorResponse, SimulatorServer } from '../framework/simulator-server.js';
import { upgradeTo } from '../framework/websocket-endpoint.js';
import { KrakenFuturesPrivateStream } from './krakenfutures-private-stream.js';
import {
  accountLogCost,
  CostPool,
  DERIVATIVES_POOL,
  DERIVATIVES_REFILL_MS,
  derivativesCost,
  HISTORY_POOL,
  HISTORY_REFILL_MS,
} from './krakenfutures-rate-limits.js';
import { isValidKrakenFuturesSignature, krakenFuturesEndpointPath } from './krakenfutures-signature.js';
import type { KrakenFuturesSimAccount, KrakenFuturesWireInstrument, KrakenFuturesWireTicker } from './krakenfutures-sim-account.js';

/**
 * A local Kraken Futures REST API (futures.kraken.com) for tests and the demo. It answers what
 * the Kraken Futures connector calls and behaves like Kraken Futures where a client can get it
 * wrong:
 *
 * - private calls carry `APIKey` and `Authent` (and optionally `Nonce`); Authent is re-derived
 *   (krakenfutures-signature.ts) over the url-encoded query as sent, the nonce and the path
 *   without `/derivatives`; a mismatch or an unknown key is `authenticationError` (HTTP 401);
 * - a `Nonce`, when sent, must grow: one used before is `nonceDuplicate`, one more than
 *   NONCE_TOLERANCE below the largest seen is `nonceBelowThreshold` (Kraken "tolerates nonces
 *   that are out of order for a brief period" without saying how brief);
 * - the two cost budgets of krakenfutures-rate-limits.ts, `apiLimitExceeded` beyond them;
 *   maintenance answers HTTP 503 `unavailable`;
 * - every amount is a bare JSON number with exactly the scripted digits;
 * - the account log pages by id (`from`/`to`, inclusive) or time (`since`/`before`), newest
 *   first unless `sort=asc`, `count` rows at most (default 500), its cost depending on `count`.
 */

export interface KrakenFuturesSimulatorOptions {
  clock?: SimulatorClock;
  instruments?: readonly KrakenFuturesWireInstrument[];
  tickers?: readonly KrakenFuturesWireTicker[];
}

/** How far below the largest nonce seen a nonce may still arrive (ms-nonces: ten seconds). */
const NONCE_TOLERANCE = 10_000;
const MAX_LOG_COUNT = 100_000;

type Handler = (request: SimulatorRequest, account: KrakenFuturesSimAccount) => SimulatorResponse;

export class KrakenFuturesSimulator extends HostedSimulator {
  protected readonly server: SimulatorServer;
  readonly #accounts = new Map<string, KrakenFuturesSimAccount>();
  readonly #instruments: readonly KrakenFuturesWireInstrument[];
  readonly #tickers: readonly KrakenFuturesWireTicker[];
  /** Budgets per key: `/derivatives` and `/history` are counted apart. */
  readonly #pools = new Map<string, { derivatives: CostPool; history: CostPool }>();
  readonly #nonces = new Map<string, { highest: number; seen: Set<string> }>();
  readonly #derivatives: Record<string, Handler>;
  /** Kraken Futures answers every call with HTTP 503 while this is set. */
  maintenance = false;
  /** The WebSocket API (`/ws/v1`): the challenge and the `balances` feed (krakenfutures-private-stream.ts). */
  readonly #stream: KrakenFuturesPrivateStream;

  constructor(options: KrakenFuturesSimulatorOptions = {}) {
    super();
    this.#instruments = options.instruments ?? DEFAULT_KRAKEN_FUTURES_INSTRUMENTS;
    this.#tickers = options.tickers ?? DEFAULT_KRAKEN_FUTURES_TICKERS;
    this.server = new SimulatorServer({
      clock: options.clock,
      upgrade: (req, socket, head) => upgradeTo(this.server.requests, () => this.now(), this.#stream.endpoint)(req, socket, head),
      handler: (request) => this.#handle(request),
      statusBody: (fault) => krakenError(fault.status === 429 ? 'apiLimitExceeded' : fault.status === 503 ? 'unavailable' : 'Server Error', this.now()),
    });
    this.#stream = new KrakenFuturesPrivateStream({ account: (apiKey) => this.#accounts.get(apiKey), now: () => this.now(), requests: this.server.requests });
    this.#derivatives = {
      accounts: (req, account) => lossless({ result: 'success', accounts: accountsOf(account), serverTime: iso(req.now) }),
      openpositions: (req, account) => lossless({ result: 'success', openPositions: account.positions, serverTime: iso(req.now) }),
    };
  }

  addAccount(account: KrakenFuturesSimAccount): KrakenFuturesSimAccount {
    this.#accounts.set(account.apiKey, account);
    return account;
  }

  /** Changes the account (what REST serves from now on) and pushes its balances on the `balances` feed. */
  moveBalances(apiKey: string, change: (account: KrakenFuturesSimAccount) => void): void {
    const account = this.#accounts.get(apiKey);
    if (account === undefined) throw new Error(`No simulated Kraken Futures account has the API key ${apiKey}.`);
    change(account);
    this.#stream.publish(apiKey);
  }

  /** Connections of this key subscribed to the `balances` feed. */
  balanceSubscribers(apiKey: string): number {
    return this.#stream.subscribers(apiKey);
  }

  /** Resolves once every stream connection has closed. */
  streamIdle(): Promise<void> {
    return this.#stream.endpoint.idle();
  }

  /** Drops every stream connection, as Kraken does when it restarts a stream server. */
  dropStreams(): void {
    this.#stream.endpoint.close();
  }

  override stop(): Promise<void> {
    this.#stream.endpoint.close();
    return super.stop();
  }

  #handle(request: SimulatorRequest): SimulatorResponse {
    if (request.method !== 'GET') return { status: 404, json: krakenError('notFound', request.now) };
    const derivatives = /^\/derivatives\/api\/v3\/([a-z/-]+)$/.exec(request.path)?.[1];
    const isLog = request.path === '/api/history/v3/account-log';
    const isPublic = derivatives === 'instruments' || derivatives === 'tickers';
    if (!isLog && !isPublic && (derivatives === undefined || this.#derivatives[derivatives] === undefined)) {
      return { status: 404, json: krakenError('notFound', request.now) };
    }
    if (this.maintenance) return { status: 503, json: krakenError('unavailable', request.now) };
    if (derivatives === 'instruments') return lossless({ result: 'success', instruments: this.#instruments, serverTime: iso(request.now) });
    if (derivatives === 'tickers') return lossless({ result: 'success', tickers: this.#tickers, serverTime: iso(request.now) });

    const authenticated = this.#authenticate(request);
    if ('response' in authenticated) return authenticated.response;
    const { account } = authenticated;
    const pools = this.#poolsOf(account.apiKey);
    if (isLog) {
      const count = request.query.has('count') ? Number(request.query.get('count')) : 500;
      if (!Number.isInteger(count) || count < 1 || count > MAX_LOG_COUNT) return { status: 400, json: krakenError('invalidArgument: count', request.now) };
      if (!pools.history.spend(accountLogCost(count), request.now)) return { status: 200, json: krakenError('apiLimitExceeded', request.now) };
      return accountLog(request, account, count);
    }
    if (!pools.derivatives.spend(derivativesCost(derivatives as string, request.query), request.now)) {
      return { status: 200, json: krakenError('apiLimitExceeded', request.now) };
    }
    return (this.#derivatives[derivatives as string] as Handler)(request, account);
  }

  #poolsOf(apiKey: string) {
    let pools = this.#pools.get(apiKey);
    if (pools === undefined) {
      pools = { derivatives: new CostPool(DERIVATIVES_POOL, DERIVATIVES_REFILL_MS), history: new CostPool(HISTORY_POOL, HISTORY_REFILL_MS) };
      this.#pools.set(apiKey, pools);
    }
    return pools;
  }

  /** Kraken Futures' checks: key known, Authent re-derived, then the optional nonce. */
  #authenticate(request: SimulatorRequest): { account: KrakenFuturesSimAccount } | { response: SimulatorResponse } {
    const refuse = (error: string) => ({ response: { status: 401, json: krakenError(error, request.now) } });
    const account = this.#accounts.get(request.headers.apikey ?? '');
    if (account === undefined) return refuse('authenticationError');
    const nonce = request.headers.nonce ?? '';
    if (nonce !== '' && !/^\d{1,19}$/.test(nonce)) return refuse('authenticationError');
    const endpointPath = krakenFuturesEndpointPath(request.path);
    if (!isValidKrakenFuturesSignature(account.secret, request.headers.authent ?? '', request.rawQuery, nonce, endpointPath))
      return refuse('authenticationError');
    if (nonce !== '') {
      const state = this.#nonces.get(account.apiKey) ?? { highest: 0, seen: new Set<string>() };
      if (state.seen.has(nonce)) return refuse('nonceDuplicate');
      if (Number(nonce) < state.highest - NONCE_TOLERANCE) return refuse('nonceBelowThreshold');
      state.seen.add(nonce);
      state.highest = Math.max(state.highest, Number(nonce));
      this.#nonces.set(account.apiKey, state);
    }
    return { account };
  }
}

const iso = (ms: number) => new Date(ms).toISOString();

/** Kraken Futures' error body: `{ "result": "error", "serverTime": "…", "error": "authenticationError" }`. */
function krakenError(error: string, now: number) {
  return { result: 'error', serverTime: iso(now), error };
}

/** Field names whose string values stay strings; every other decimal-looking string is sent as a bare number. */
const TEXT_FIELDS = new Set(['symbol', 'currency', 'asset', 'contract', 'pair', 'underlying', 'margin_account', 'booking_uid', 'execution', 'info']);

/** Kraken Futures answers: amounts as bare JSON numbers, sent with exactly the digits scripted. */
function lossless(body: unknown): SimulatorResponse {
  const numbers = (value: unknown, key: string): unknown => {
    if (typeof value === 'string' && !TEXT_FIELDS.has(key) && /^-?\d+(\.\d+)?([Ee]-?\d+)?$/.test(value)) return new LosslessNumber(value);
    if (Array.isArray(value)) return value.map((v) => numbers(v, key));
    if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, numbers(v, k)]));
    return value;
  };
  return { status: 200, headers: { 'content-type': 'application/json' }, text: stringify(numbers(body, '')) ?? '' };
}

/** `GET /derivatives/api/v3/accounts` → `accounts`: the cash account, every margin account, and `flex`. */
function accountsOf(account: KrakenFuturesSimAccount): Record<string, unknown> {
  const margin = Object.fromEntries(Object.entries(account.marginAccounts).map(([key, m]) => [key, { type: 'marginAccount', ...m }]));
  return {
    cash: { type: 'cashAccount', balances: account.cash },
    ...margin,
    flex: { type: 'multiCollateralMarginAccount', currencies: account.flex.currencies, ...account.flex.summary },
  };
}

/** The account log: id and time ranges combined, sorted (`desc` unless `sort=asc`), at most `count` rows. */
function accountLog(request: SimulatorRequest, account: KrakenFuturesSimAccount, count: number): SimulatorResponse {
  const q = request.query;
  const int = (name: string) => (q.has(name) ? Number(q.get(name)) : undefined);
  const [since, before, from, to] = [int('since'), int('before'), int('from'), int('to')];
  if ([since, before, from, to].some((v) => v !== undefined && !Number.isInteger(v))) return { status: 400, json: krakenError('invalidArgument', request.now) };
  const sort = q.get('sort') ?? 'desc';
  if (sort !== 'asc' && sort !== 'desc') return { status: 400, json: krakenError('invalidArgument: sort', request.now) };
  const infos = q.getAll('info');
  const rows = account.log
    .filter((row) => (from === undefined || row.id >= from) && (to === undefined || row.id <= to))
    .filter((row) => {
      const ms = Date.parse(row.date);
      return (since === undefined || ms >= since) && (before === undefined || ms < before);
    })
    .filter((row) => infos.length === 0 || infos.includes(row.info))
    .sort((a, b) => (sort === 'asc' ? a.id - b.id : b.id - a.id))
    .slice(0, count);
  // `id` is a number; the lossless writer sends the scripted strings as numbers too.
  return lossless({ accountUid: account.accountUid, logs: rows.map((row) => ({ ...row, id: String(row.id) })) });
}

const flexible = (symbol: string): KrakenFuturesWireInstrument => ({ symbol, type: 'flexible_futures', tickSize: '0.1', contractSize: '1', tradeable: true });

/** Contracts as Kraken lists them: multi-collateral linear perpetuals are one coin per contract, inverse ones one USD. */
export const DEFAULT_KRAKEN_FUTURES_INSTRUMENTS: readonly KrakenFuturesWireInstrument[] = [
  flexible('PF_XBTUSD'),
  flexible('PF_ETHUSD'),
  flexible('PF_SOLUSD'),
  { symbol: 'PI_XBTUSD', type: 'futures_inverse', underlying: 'rr_xbtusd', tickSize: '0.5', contractSize: '1', tradeable: true },
  { symbol: 'PI_ETHUSD', type: 'futures_inverse', underlying: 'rr_ethusd', tickSize: '0.05', contractSize: '1', tradeable: true },
];

const ticker = (symbol: string, pair: string, markPrice: string): KrakenFuturesWireTicker => ({
  symbol,
  last: markPrice,
  markPrice,
  bid: markPrice,
  ask: markPrice,
  tag: 'perpetual',
  pair,
  suspended: false,
});

export const DEFAULT_KRAKEN_FUTURES_TICKERS: readonly KrakenFuturesWireTicker[] = [
  ticker('PF_XBTUSD', 'XBT:USD', '92057.4'),
  ticker('PF_ETHUSD', 'ETH:USD', '3101.2'),
  ticker('PF_SOLUSD', 'SOL:USD', '182.35'),
  ticker('PI_XBTUSD', 'XBT:USD', '92050.5'),
  ticker('PI_ETHUSD', 'ETH:USD', '3100.95'),
];
