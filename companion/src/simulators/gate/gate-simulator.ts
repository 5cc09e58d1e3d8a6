import { HostedSimulator } from '../framework/hosted-simulator.js';
import { type SimulatorClock, type SimulatorRequest, type SimulatorResponse, SimulatorServer } from '../framework/simulator-server.js';
import { upgradeTo } from '../framework/websocket-endpoint.js';
import { GATE_DELIVERY_CONTRACTS, GATE_DEMO_CONTRACTS, GATE_OPTIONS_CONTRACTS } from './demo-account.js';
import { gateFuturesBalanceUpdate, gateFuturesPositionUpdate, gateSpotBalanceUpdate } from './gate-account-events.js';
import { GATE_SPOT_WS_PATH, GATE_USER_ID, GatePrivateStream, gateFuturesWsPath } from './gate-private-stream.js';
import { GATE_DEFAULT_LIMIT, GATE_OTHER_PRIVATE_LIMIT, type GateRateLimit, GateRateLimiter } from './gate-rate-limits.js';
import { isValidGateSignature } from './gate-signature.js';
import type {
  GateSimAccount,
  GateWireBookEntry,
  GateWireContract,
  GateWireCrossMarginBalance,
  GateWireFuturesAccount,
  GateWirePosition,
  GateWireSpotAccount,
  GateWireTransfer,
} from './gate-sim-account.js';

/**
 * A local Gate API v4 for tests and the demo. It answers what the Gate connector calls and
 * behaves like Gate where a client can get it wrong:
 *
 * - private requests carry `KEY`, `Timestamp` (seconds) and `SIGN`; the signature is re-derived
 *   (gate-signature.ts) over method, `/api/v4` path, query, body hash and timestamp, and a
 *   timestamp more than 60 s from the server's time is refused with REQUEST_EXPIRED;
 * - errors are Gate's `{ label, message }`: 401 INVALID_KEY / INVALID_SIGNATURE / REQUEST_EXPIRED /
 *   MISSING_REQUIRED_HEADER, 403 FORBIDDEN / IP_FORBIDDEN, 400 INVALID_PARAM_VALUE, 429
 *   TOO_MANY_REQUESTS with the `X-Gate-RateLimit-*` headers, 503 SERVER_ERROR in maintenance;
 * - histories only answer time ranges of at most 30 days (`from`/`to`, seconds, both inclusive),
 *   newest first: `my_trades` pages with `page`/`limit` (≤ 1000), deposits and withdrawals with
 *   `offset`/`limit` (≤ 500), the futures account book with `offset`/`limit` (≤ 1000), Earn interest
 *   with `page`/`limit` (≤ 100); the isolated and cross margin books (30 days, `page`/`limit` ≤ 1000),
 *   Earn lend records (`page`/`limit` ≤ 100) and the options book (`offset`/`limit` ≤ 1000) the same way;
 * - rate limits per endpoint as Gate documents them (gate-rate-limits.ts): 200 per 10 s for spot,
 *   wallet, futures, delivery, options and public reads, 150 per 10 s for margin, unified, Earn and
 *   account endpoints.
 */

export interface GateSimulatorOptions {
  clock?: SimulatorClock;
  contracts?: readonly GateWireContract[];
}

interface Endpoint {
  pattern: RegExp;
  signed: boolean;
  limit: GateRateLimit;
  handle: (request: SimulatorRequest, account: GateSimAccount | undefined, match: RegExpExecArray) => SimulatorResponse;
}

const PREFIX = '/api/v4';
const MAX_SKEW_S = 60;
const MAX_RANGE_S = 30 * 86_400;

const gateError = (status: number, label: string, message: string): SimulatorResponse => ({ status, json: { label, message } });
const ok = (json: unknown): SimulatorResponse => ({ status: 200, json });

export class GateSimulator extends HostedSimulator {
  protected readonly server: SimulatorServer;
  readonly #accounts = new Map<string, GateSimAccount>();
  readonly #contracts: readonly GateWireContract[];
  readonly #limiter = new GateRateLimiter();
  readonly #endpoints: Endpoint[];
  /** The v4 WebSocket private channels (gate-private-stream.ts). */
  readonly #stream: GatePrivateStream;
  #positionUpdateId = 0;
  /** Gate answers every call with 503 SERVER_ERROR while this is set. */
  maintenance = false;
  /** Set to an IP allow-list that excludes us: every signed call answers IP_FORBIDDEN. */
  ipForbidden = false;

  constructor(options: GateSimulatorOptions = {}) {
    super();
    this.#contracts = options.contracts ?? GATE_DEMO_CONTRACTS;
    this.server = new SimulatorServer({
      clock: options.clock,
      handler: (request) => this.#handle(request),
      upgrade: (req, socket, head) => upgradeTo(this.server.requests, () => this.now(), this.#stream.endpoint)(req, socket, head),
      statusBody: (fault) =>
        fault.status === 429
          ? { label: 'TOO_MANY_REQUESTS', message: 'Request Rate limit Exceeded' }
          : { label: 'SERVER_ERROR', message: 'Internal server error' },
      // A scripted 429 says, as Gate does, that the window resets in 10 s.
      statusHeaders: (fault, request): Record<string, string> =>
        fault.status === 429
          ? { 'x-gate-ratelimit-requests-remain': '0', 'x-gate-ratelimit-limit': '200', 'x-gate-ratelimit-reset-timestamp': String(request.now + 10_000) }
          : {},
    });
    this.#stream = new GatePrivateStream({ account: (apiKey) => this.#accounts.get(apiKey), requests: this.server.requests, now: () => this.now() });
    const must = (account: GateSimAccount | undefined) => {
      if (account === undefined) throw new Error('A signed endpoint ran without an authenticated account.');
      return account;
    };
    const settleOf = (match: RegExpExecArray) => match[1] as 'usdt' | 'btc';
    this.#endpoints = [
      {
        pattern: /^\/account\/detail$/,
        signed: true,
        limit: GATE_OTHER_PRIVATE_LIMIT,
        handle: () => ok({ user_id: GATE_USER_ID, ip_whitelist: [], currency_pairs: [], key: { mode: 1 }, tier: 2, copy_trading_role: 0 }),
      },
      {
        pattern: /^\/account\/main_keys$/,
        signed: true,
        limit: GATE_OTHER_PRIVATE_LIMIT,
        handle: (_req, account) => {
          const a = must(account);
          if (a.cannotReadKeys === true) return gateError(403, 'FORBIDDEN', 'API key does not have the permission to access this resource');
          return ok([
            {
              state: 1,
              mode: 1,
              name: 'other key',
              user_id: 10_406_147,
              perms: [{ name: 'spot', read_only: false }],
              ip_whitelist: [],
              currency_pairs: [],
              key: '52fd0035f665*****',
              created_at: 1753897991,
              update_at: 1756300567,
              last_access: 1753897991,
            },
            {
              state: 1,
              mode: 1,
              name: 'omnifolio',
              user_id: 10_406_147,
              perms: a.perms,
              ip_whitelist: [],
              currency_pairs: [],
              key: `${a.apiKey.slice(0, 12)}*****`,
              created_at: 1753030929,
              update_at: 1756300567,
              last_access: 1753030929,
            },
          ]);
        },
      },
      {
        pattern: /^\/unified\/unified_mode$/,
        signed: true,
        limit: GATE_OTHER_PRIVATE_LIMIT,
        handle: (_req, account) =>
          ok({ mode: must(account).unified?.mode ?? 'classic', settings: { usdt_futures: true, spot_hedge: false, use_funding: false, options: false } }),
      },
      {
        pattern: /^\/unified\/accounts$/,
        signed: true,
        limit: GATE_OTHER_PRIVATE_LIMIT,
        handle: (_req, account) => {
          const unified = must(account).unified;
          return ok({
            user_id: 10_406_147,
            refresh_time: this.now(),
            locked: false,
            mode: unified?.mode ?? 'classic',
            balances: unified?.balances ?? {},
            total: '0',
            borrowed: '0',
            leverage: '3',
          });
        },
      },
      {
        pattern: /^\/spot\/accounts$/,
        signed: true,
        limit: GATE_DEFAULT_LIMIT,
        handle: (_req, account) => {
          const a = must(account);
          // A unified account's spot endpoint shows the unified funds again, as Gate does.
          if (a.unified !== undefined) {
            return ok(Object.entries(a.unified.balances).map(([currency, b], i) => ({ currency, available: b.available, locked: b.freeze, update_id: i })));
          }
          return ok(a.spot);
        },
      },
      { pattern: /^\/margin\/accounts$/, signed: true, limit: GATE_OTHER_PRIVATE_LIMIT, handle: (_req, account) => ok(must(account).margin) },
      {
        pattern: /^\/margin\/cross\/accounts$/,
        signed: true,
        limit: GATE_OTHER_PRIVATE_LIMIT,
        handle: (_req, account) => {
          const balances = must(account).crossMargin ?? {};
          const owed = (b: GateWireCrossMarginBalance) => Number(b.borrowed) + Number(b.interest);
          return ok({
            user_id: 10_001,
            refresh_time: this.now(),
            locked: false,
            balances,
            total: '0',
            borrowed: '0',
            interest: '0',
            risk: Object.values(balances).some((b) => owed(b) > 0) ? '3.42' : '9999.99',
          });
        },
      },
      {
        pattern: /^\/delivery\/usdt\/accounts$/,
        signed: true,
        limit: GATE_DEFAULT_LIMIT,
        handle: (_req, account) => {
          const delivery = must(account).delivery;
          return delivery === undefined ? gateError(400, 'USER_NOT_FOUND', 'please transfer funds first to create futures account') : ok(delivery);
        },
      },
      {
        pattern: /^\/delivery\/usdt\/positions$/,
        signed: true,
        limit: GATE_DEFAULT_LIMIT,
        handle: (_req, account) => {
          const a = must(account);
          if (a.delivery === undefined) return gateError(400, 'USER_NOT_FOUND', 'please transfer funds first to create futures account');
          return ok(a.deliveryPositions ?? []);
        },
      },
      {
        pattern: /^\/delivery\/usdt\/account_book$/,
        signed: true,
        limit: GATE_DEFAULT_LIMIT,
        handle: (req, account) => {
          const a = must(account);
          if (a.delivery === undefined) return gateError(400, 'USER_NOT_FOUND', 'please transfer funds first to create futures account');
          return futuresBook(req, a.deliveryBook ?? []);
        },
      },
      {
        pattern: /^\/delivery\/usdt\/contracts\/([A-Z0-9_]+)$/,
        signed: false,
        limit: GATE_DEFAULT_LIMIT,
        handle: (_req, _account, match) => {
          const contract = GATE_DELIVERY_CONTRACTS.find((c) => c.name === match[1]);
          return contract === undefined ? gateError(400, 'CONTRACT_NOT_FOUND', 'Contract not found') : ok(contract);
        },
      },
      {
        pattern: /^\/futures\/(usdt|btc)\/accounts$/,
        signed: true,
        limit: GATE_DEFAULT_LIMIT,
        handle: (_req, account, match) => {
          const futures = must(account).futures[settleOf(match)];
          return futures === undefined ? gateError(400, 'USER_NOT_FOUND', 'please transfer funds first to create futures account') : ok(futures);
        },
      },
      {
        pattern: /^\/futures\/(usdt|btc)\/positions$/,
        signed: true,
        limit: GATE_DEFAULT_LIMIT,
        handle: (req, account, match) => {
          const a = must(account);
          if (a.futures[settleOf(match)] === undefined) return gateError(400, 'USER_NOT_FOUND', 'please transfer funds first to create futures account');
          const all = a.positions[settleOf(match)] ?? [];
          return ok(req.query.get('holding') === 'true' ? all.filter((p) => p.size !== 0) : all);
        },
      },
      {
        pattern: /^\/futures\/(usdt|btc)\/contracts\/([A-Z0-9_]+)$/,
        signed: false,
        limit: GATE_DEFAULT_LIMIT,
        handle: (_req, _account, match) => {
          const contract = this.#contracts.find((c) => c.settle === match[1] && c.name === match[2]);
          return contract === undefined ? gateError(400, 'CONTRACT_NOT_FOUND', 'Contract not found') : ok(contract);
        },
      },
      {
        pattern: /^\/futures\/(usdt|btc)\/account_book$/,
        signed: true,
        limit: GATE_DEFAULT_LIMIT,
        handle: (req, account, match) => {
          const a = must(account);
          if (a.futures[settleOf(match)] === undefined) return gateError(400, 'USER_NOT_FOUND', 'please transfer funds first to create futures account');
          return futuresBook(req, a.futuresBook[settleOf(match)] ?? []);
        },
      },
      {
        pattern: /^\/earn\/uni\/interest_records$/,
        signed: true,
        limit: GATE_OTHER_PRIVATE_LIMIT,
        handle: (req, account) => interestRecords(req, must(account)),
      },
      { pattern: /^\/earn\/uni\/lends$/, signed: true, limit: GATE_OTHER_PRIVATE_LIMIT, handle: (_req, account) => ok(must(account).lends) },
      {
        pattern: /^\/margin\/account_book$/,
        signed: true,
        limit: GATE_OTHER_PRIVATE_LIMIT,
        handle: (req, account) =>
          pagedHistory(req, must(account).marginBook ?? [], {
            paging: 'page',
            maxLimit: 1000,
            maxRangeS: MAX_RANGE_S,
            timeMs: (r) => r.time_ms,
            filters: { currency: (r) => r.currency, currency_pair: (r) => r.currency_pair, type: (r) => r.type },
          }),
      },
      {
        pattern: /^\/margin\/cross\/account_book$/,
        signed: true,
        limit: GATE_OTHER_PRIVATE_LIMIT,
        handle: (req, account) =>
          pagedHistory(req, must(account).crossMarginBook ?? [], {
            paging: 'page',
            maxLimit: 1000,
            maxRangeS: MAX_RANGE_S,
            timeMs: (r) => r.time,
            filters: { currency: (r) => r.currency, type: (r) => r.type },
          }),
      },
      {
        pattern: /^\/margin\/uni\/interest_records$/,
        signed: true,
        limit: GATE_OTHER_PRIVATE_LIMIT,
        // Gate documents no range limit here, only `limit` ≤ 100.
        handle: (req, account) =>
          pagedHistory(req, must(account).marginInterest ?? [], {
            paging: 'page',
            maxLimit: 100,
            timeMs: (r) => r.create_time,
            filters: { currency: (r) => r.currency, currency_pair: (r) => r.currency_pair },
          }),
      },
      {
        pattern: /^\/unified\/interest_records$/,
        signed: true,
        limit: GATE_OTHER_PRIVATE_LIMIT,
        // Gate documents `page`, `limit` ≤ 100, `from`, `to`, `currency` and `type` here
        // (https://www.gate.io/docs/developers/apiv4/en/#query-interest-deduction-records-2); a classic
        // account has no unified loans and gets an empty list.
        handle: (req, account) =>
          pagedHistory(req, must(account).unifiedInterest ?? [], {
            paging: 'page',
            maxLimit: 100,
            timeMs: (r) => r.create_time,
            filters: { currency: (r) => r.currency, type: (r) => r.type },
          }),
      },
      {
        pattern: /^\/earn\/uni\/lend_records$/,
        signed: true,
        limit: GATE_OTHER_PRIVATE_LIMIT,
        // Gate documents no range limit here, only `limit` ≤ 100.
        handle: (req, account) =>
          pagedHistory(req, must(account).lendRecords ?? [], {
            paging: 'page',
            maxLimit: 100,
            timeMs: (r) => r.create_time,
            filters: { currency: (r) => r.currency, type: (r) => r.type },
          }),
      },
      {
        pattern: /^\/options\/accounts$/,
        signed: true,
        limit: GATE_DEFAULT_LIMIT,
        handle: (_req, account) => {
          const options = must(account).options;
          return options === undefined ? gateError(400, 'USER_NOT_FOUND', 'please transfer funds first to create options account') : ok(options);
        },
      },
      {
        pattern: /^\/options\/positions$/,
        signed: true,
        limit: GATE_DEFAULT_LIMIT,
        handle: (req, account) => {
          const a = must(account);
          if (a.options === undefined) return gateError(400, 'USER_NOT_FOUND', 'please transfer funds first to create options account');
          const underlying = req.query.get('underlying');
          return ok((a.optionsPositions ?? []).filter((p) => underlying === null || p.underlying === underlying));
        },
      },
      {
        pattern: /^\/options\/account_book$/,
        signed: true,
        limit: GATE_DEFAULT_LIMIT,
        handle: (req, account) => {
          const a = must(account);
          if (a.options === undefined) return gateError(400, 'USER_NOT_FOUND', 'please transfer funds first to create options account');
          return pagedHistory(req, a.optionsBook ?? [], { paging: 'offset', maxLimit: 1000, timeMs: (r) => r.time * 1000, filters: { type: (r) => r.type } });
        },
      },
      {
        pattern: /^\/options\/contracts\/([A-Z0-9_-]+)$/,
        signed: false,
        limit: GATE_DEFAULT_LIMIT,
        handle: (_req, _account, match) => {
          const contract = GATE_OPTIONS_CONTRACTS.find((c) => c.name === match[1]);
          return contract === undefined ? gateError(400, 'CONTRACT_NOT_FOUND', 'Contract not found') : ok(contract);
        },
      },
      { pattern: /^\/spot\/my_trades$/, signed: true, limit: GATE_DEFAULT_LIMIT, handle: (req, account) => this.#trades(req, must(account)) },
      { pattern: /^\/wallet\/deposits$/, signed: true, limit: GATE_DEFAULT_LIMIT, handle: (req, account) => transfers(req, must(account).deposits) },
      { pattern: /^\/wallet\/withdrawals$/, signed: true, limit: GATE_DEFAULT_LIMIT, handle: (req, account) => transfers(req, must(account).withdrawals) },
    ];
  }

  addAccount(account: GateSimAccount): GateSimAccount {
    this.#accounts.set(account.apiKey, account);
    return account;
  }

  account(apiKey: string): GateSimAccount {
    const account = this.#accounts.get(apiKey);
    if (account === undefined) throw new Error(`No simulated Gate account has the API key ${apiKey}.`);
    return account;
  }

  /** Sets a spot balance, as `GET /spot/accounts` serves it from now on, and pushes `spot.balances`. */
  setSpotBalance(apiKey: string, row: Omit<GateWireSpotAccount, 'update_id'>, changeType = 'deposit'): void {
    const account = this.#account(apiKey);
    const index = account.spot.findIndex((r) => r.currency === row.currency);
    const before = index < 0 ? undefined : account.spot[index];
    const after = { ...row, update_id: (before?.update_id ?? 0) + 1 };
    if (index < 0) account.spot.push(after);
    else account.spot[index] = after;
    this.#stream.push(apiKey, GATE_SPOT_WS_PATH, 'spot.balances', [gateSpotBalanceUpdate(before, after, changeType, this.now())]);
  }

  /** Replaces a perpetual futures wallet (`GET /futures/{settle}/accounts`) and pushes `futures.balances`. */
  setFuturesAccount(apiKey: string, settle: 'usdt' | 'btc', wallet: GateWireFuturesAccount, type = 'dnw'): void {
    const account = this.#account(apiKey);
    const before = account.futures[settle];
    account.futures[settle] = wallet;
    this.#stream.push(apiKey, gateFuturesWsPath(settle), 'futures.balances', [gateFuturesBalanceUpdate(before, wallet, type, this.now())]);
  }

  /** Opens, changes or (with `size` 0) closes a perpetual position, as REST serves it from now on, and pushes `futures.positions`. */
  movePosition(apiKey: string, settle: 'usdt' | 'btc', position: GateWirePosition): void {
    const account = this.#account(apiKey);
    const others = (account.positions[settle] ?? []).filter((p) => p.contract !== position.contract);
    account.positions[settle] = position.size === 0 ? others : [...others, position];
    this.#positionUpdateId += 1;
    this.#stream.push(apiKey, gateFuturesWsPath(settle), 'futures.positions', [gateFuturesPositionUpdate(position, this.now(), this.#positionUpdateId)]);
  }

  /** Connections subscribed to a private channel with this key (`spot.balances` on `/ws/v4/`, …). */
  streamSubscribers(apiKey: string, path: string, channel: string): number {
    return this.#stream.subscribers(apiKey, path, channel);
  }

  /** Drops every stream connection, as Gate does when a push server restarts. */
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

  #account(apiKey: string): GateSimAccount {
    const account = this.#accounts.get(apiKey);
    if (account === undefined) throw new Error(`no Gate account with key ${apiKey}`);
    return account;
  }

  #handle(request: SimulatorRequest): SimulatorResponse {
    if (!request.path.startsWith(PREFIX)) return gateError(404, 'NOT_FOUND', `Path ${request.path} does not exist`);
    const path = request.path.slice(PREFIX.length);
    let endpoint: Endpoint | undefined;
    let match: RegExpExecArray | null = null;
    for (const candidate of this.#endpoints) {
      match = request.method === 'GET' ? candidate.pattern.exec(path) : null;
      if (match !== null) {
        endpoint = candidate;
        break;
      }
    }
    if (endpoint === undefined || match === null) return gateError(404, 'NOT_FOUND', `Path ${request.path} does not exist`);
    if (this.maintenance) return gateError(503, 'SERVER_ERROR', 'Service unavailable: system maintenance');

    let account: GateSimAccount | undefined;
    if (endpoint.signed) {
      const authenticated = this.#authenticate(request);
      if ('response' in authenticated) return authenticated.response;
      account = authenticated.account;
    }
    // Per endpoint as Gate counts: /futures/usdt/… and /futures/btc/… are separate endpoints.
    const bucket = `${account?.apiKey ?? 'ip'} ${request.path}`;
    const decision = this.#limiter.charge(bucket, endpoint.limit, this.now());
    if (!decision.allowed) return { ...gateError(429, 'TOO_MANY_REQUESTS', 'Request Rate limit Exceeded'), headers: decision.headers };
    const response = endpoint.handle(request, account, match);
    return { ...response, headers: { ...decision.headers, ...response.headers } };
  }

  /** Gate's checks, in its order: headers present, key known, timestamp within 60 s, IP, signature. */
  #authenticate(request: SimulatorRequest): { account: GateSimAccount } | { response: SimulatorResponse } {
    const h = request.headers;
    const key = h.key;
    const sign = h.sign;
    const timestamp = h.timestamp;
    if (key === undefined || key === '' || sign === undefined || sign === '' || timestamp === undefined || timestamp === '') {
      return { response: gateError(401, 'MISSING_REQUIRED_HEADER', 'Missing required header: KEY, SIGN or Timestamp') };
    }
    const account = this.#accounts.get(key);
    if (account === undefined) return { response: gateError(401, 'INVALID_KEY', 'Invalid key provided') };
    const at = Number(timestamp);
    if (!/^\d+(\.\d+)?$/.test(timestamp) || Math.abs(request.now / 1000 - at) > MAX_SKEW_S) {
      return { response: gateError(401, 'REQUEST_EXPIRED', 'Request timestamp far from current time') };
    }
    if (this.ipForbidden) return { response: gateError(403, 'IP_FORBIDDEN', 'Request IP not in whitelist') };
    const query = request.rawQuery
      .split('&')
      .filter((part) => part !== '')
      .map((part) =>
        part
          .split('=')
          .map((piece) => decodeURIComponent(piece.replace(/\+/g, ' ')))
          .join('='),
      )
      .join('&');
    if (!isValidGateSignature(account.secret, sign, request.method, request.path, query, request.body, timestamp)) {
      return { response: gateError(401, 'INVALID_SIGNATURE', 'Signature mismatch') };
    }
    return { account };
  }

  #trades(request: SimulatorRequest, account: GateSimAccount): SimulatorResponse {
    const q = request.query;
    const limit = q.has('limit') ? Number(q.get('limit')) : 100;
    if (!Number.isInteger(limit) || limit < 1 || limit > 1000) return gateError(400, 'INVALID_PARAM_VALUE', 'limit must be between 1 and 1000');
    const page = q.has('page') ? Number(q.get('page')) : 1;
    if (!Number.isInteger(page) || page < 1) return gateError(400, 'INVALID_PARAM_VALUE', 'page must be a positive integer');
    const range = rangeOf(request, 86_400 * 7);
    if ('response' in range) return range.response;
    // Without `account` Gate answers spot and isolated margin trades; `cross_margin` those of legacy cross margin.
    const accountParam = q.get('account');
    if (accountParam !== null && !['spot', 'margin', 'cross_margin', 'unified'].includes(accountParam)) {
      return gateError(400, 'INVALID_PARAM_VALUE', `invalid account: ${accountParam}`);
    }
    const source = accountParam === 'cross_margin' ? (account.crossMarginTrades ?? []) : account.trades;
    const rows = source
      .filter((t) => Number(t.create_time) >= range.from && Number(t.create_time) <= range.to)
      .filter((t) => !q.has('currency_pair') || t.currency_pair === q.get('currency_pair'))
      .sort((a, b) => Number(b.create_time_ms) - Number(a.create_time_ms) || Number(b.id) - Number(a.id));
    return ok(rows.slice((page - 1) * limit, page * limit));
  }
}

/** Deposits and withdrawals: newest first inside from/to (at most 30 days), `offset`/`limit` ≤ 500. */
function transfers(request: SimulatorRequest, all: readonly GateWireTransfer[]): SimulatorResponse {
  const q = request.query;
  const limit = q.has('limit') ? Number(q.get('limit')) : 100;
  if (!Number.isInteger(limit) || limit < 1 || limit > 500) return gateError(400, 'INVALID_PARAM_VALUE', 'limit must be between 1 and 500');
  const offset = q.has('offset') ? Number(q.get('offset')) : 0;
  if (!Number.isInteger(offset) || offset < 0) return gateError(400, 'INVALID_PARAM_VALUE', 'offset must not be negative');
  const range = rangeOf(request, 86_400 * 7);
  if ('response' in range) return range.response;
  const rows = all
    .filter((r) => Number(r.timestamp) >= range.from && Number(r.timestamp) <= range.to)
    .filter((r) => !q.has('currency') || r.currency === q.get('currency'))
    .sort((a, b) => Number(b.timestamp) - Number(a.timestamp));
  return ok(rows.slice(offset, offset + limit));
}

/** Futures account book: newest first inside from/to (at most 30 days), `offset`/`limit` ≤ 1000, optional `type`. */
function futuresBook(request: SimulatorRequest, all: readonly GateWireBookEntry[]): SimulatorResponse {
  const q = request.query;
  const limit = q.has('limit') ? Number(q.get('limit')) : 100;
  if (!Number.isInteger(limit) || limit < 1 || limit > 1000) return gateError(400, 'INVALID_PARAM_VALUE', 'limit must be between 1 and 1000');
  const offset = q.has('offset') ? Number(q.get('offset')) : 0;
  if (!Number.isInteger(offset) || offset < 0) return gateError(400, 'INVALID_PARAM_VALUE', 'offset must not be negative');
  const range = rangeOf(request, 86_400 * 7);
  if ('response' in range) return range.response;
  const rows = all
    .filter((r) => r.time >= range.from && r.time < range.to + 1)
    .filter((r) => !q.has('type') || r.type === q.get('type'))
    .sort((a, b) => b.time - a.time);
  return ok(rows.slice(offset, offset + limit));
}

/** Earn interest: newest first inside from/to (seconds, at most 30 days), `page`/`limit` ≤ 100. */
function interestRecords(request: SimulatorRequest, account: GateSimAccount): SimulatorResponse {
  const q = request.query;
  const limit = q.has('limit') ? Number(q.get('limit')) : 100;
  if (!Number.isInteger(limit) || limit < 1 || limit > 100) return gateError(400, 'INVALID_PARAM_VALUE', 'limit must be between 1 and 100');
  const page = q.has('page') ? Number(q.get('page')) : 1;
  if (!Number.isInteger(page) || page < 1) return gateError(400, 'INVALID_PARAM_VALUE', 'page must be a positive integer');
  const range = rangeOf(request, 86_400 * 7);
  if ('response' in range) return range.response;
  const rows = account.interest
    .filter((r) => r.create_time >= range.from * 1000 && r.create_time < (range.to + 1) * 1000)
    .filter((r) => !q.has('currency') || r.currency === q.get('currency'))
    .sort((a, b) => b.create_time - a.create_time);
  return ok(rows.slice((page - 1) * limit, page * limit));
}

/**
 * A history served newest first inside `from`/`to` (seconds, both inclusive; at most `maxRangeS`
 * apart where Gate sets a limit), paged with `page` (from 1) or `offset` (from 0) and `limit`
 * (default 100, at most `maxLimit`), optionally filtered by exact-match query parameters.
 */
function pagedHistory<Row>(
  request: SimulatorRequest,
  all: readonly Row[],
  options: { paging: 'page' | 'offset'; maxLimit: number; maxRangeS?: number; timeMs: (row: Row) => number; filters: Record<string, (row: Row) => string> },
): SimulatorResponse {
  const q = request.query;
  const limit = q.has('limit') ? Number(q.get('limit')) : 100;
  if (!Number.isInteger(limit) || limit < 1 || limit > options.maxLimit) {
    return gateError(400, 'INVALID_PARAM_VALUE', `limit must be between 1 and ${options.maxLimit}`);
  }
  let skip: number;
  if (options.paging === 'page') {
    const page = q.has('page') ? Number(q.get('page')) : 1;
    if (!Number.isInteger(page) || page < 1) return gateError(400, 'INVALID_PARAM_VALUE', 'page must be a positive integer');
    skip = (page - 1) * limit;
  } else {
    skip = q.has('offset') ? Number(q.get('offset')) : 0;
    if (!Number.isInteger(skip) || skip < 0) return gateError(400, 'INVALID_PARAM_VALUE', 'offset must not be negative');
  }
  const range = rangeOf(request, 86_400 * 7, options.maxRangeS ?? Number.POSITIVE_INFINITY);
  if ('response' in range) return range.response;
  // Newest first; rows of the same moment in the reverse of the order they were written.
  const rows = all
    .map((row, index) => ({ row, index }))
    .filter(({ row }) => options.timeMs(row) >= range.from * 1000 && options.timeMs(row) < (range.to + 1) * 1000)
    .filter(({ row }) => Object.entries(options.filters).every(([name, value]) => !q.has(name) || value(row) === q.get(name)))
    .sort((a, b) => options.timeMs(b.row) - options.timeMs(a.row) || b.index - a.index)
    .map(({ row }) => row);
  return ok(rows.slice(skip, skip + limit));
}

/** `from`/`to` in seconds; `to` defaults to now and `from` to `to` minus the default span; at most 30 days apart. */
function rangeOf(request: SimulatorRequest, defaultSpanS: number, maxRangeS = MAX_RANGE_S): { from: number; to: number } | { response: SimulatorResponse } {
  const q = request.query;
  const to = q.has('to') ? Number(q.get('to')) : Math.floor(request.now / 1000);
  const from = q.has('from') ? Number(q.get('from')) : to - defaultSpanS;
  if (!Number.isInteger(from) || !Number.isInteger(to) || from > to) return { response: gateError(400, 'INVALID_PARAM_VALUE', 'invalid time range: from/to') };
  if (to - from > maxRangeS) return { response: gateError(400, 'INVALID_PARAM_VALUE', 'time range can not exceed 30 days') };
  return { from, to };
}
