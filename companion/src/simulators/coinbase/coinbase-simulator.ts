import type { KeyObject } from 'node:crypto';
import { HostedSimulator } from '../framework/hosted-simulator.js';
import { type SimulatorClock, type SimulatorRequest, type SimulatorResponse, SimulatorServer } from '../framework/simulator-server.js';
import { publicKeyOf, verifyCoinbaseJwt } from './coinbase-jwt.js';
import { ADVANCED_TRADE_PRIVATE_LIMIT, type CoinbaseRateLimit, CoinbaseRateLimiter, V2_LIMIT } from './coinbase-rate-limits.js';
import type { CoinbaseSimAccount, CoinbaseWireFill, CoinbaseWireFutureProduct, CoinbaseWireTransaction } from './coinbase-sim-account.js';

/**
 * A local Coinbase API (Advanced Trade v3 and the v2 Track API) for tests and the demo. It
 * answers what the Coinbase connector calls and behaves like Coinbase where a client can get
 * it wrong:
 *
 * - every request carries `Authorization: Bearer <JWT>`; the simulator verifies the ES256
 *   signature with the key's public key, the key name (`kid` = `sub`), the 120-second
 *   lifetime (`nbf`/`exp` against its own clock) and the `uri` claim (`GET host/path`), and
 *   answers what Coinbase answers to a bad token: HTTP 401 with the body `Unauthorized`;
 * - 30 requests per second per key on Advanced Trade, 10,000 per hour on v2 (429);
 * - paging as Coinbase pages: `cursor` + `has_next` on accounts (≤ 250), `cursor` and
 *   `start_sequence_timestamp` (inclusive) / `end_sequence_timestamp` (exclusive) on fills,
 *   newest first; `starting_after` / `ending_before` + `order` on v2 transactions (≤ 100);
 * - US derivatives (CFM) answer 404 for a user without a futures account, as Coinbase does for
 *   people outside the US;
 * - `maintenance` answers 503 to everything.
 *
 * The `uri` claim names the host the request went to. ccxt strips `https://` before signing, so
 * against this plain-HTTP loopback server it signs `GET http://127.0.0.1:port/...`; both that
 * and the bare `127.0.0.1:port/...` form are accepted, nothing else.
 */

export interface CoinbaseSimulatorOptions {
  clock?: SimulatorClock;
  /** Futures products `GET /api/v3/brokerage/products/{id}` knows. */
  products?: readonly CoinbaseWireFutureProduct[];
}

interface Route {
  pattern: RegExp;
  limit: CoinbaseRateLimit;
  v2: boolean;
  handle: (request: SimulatorRequest, account: CoinbaseSimAccount, params: string[]) => SimulatorResponse;
}

const ACCOUNTS_DEFAULT_LIMIT = 49;
const ACCOUNTS_MAX_LIMIT = 250;
const FILLS_DEFAULT_LIMIT = 100;
const FILLS_MAX_LIMIT = 1_000;
const V2_DEFAULT_LIMIT = 25;
const V2_MAX_LIMIT = 100;

const v3Error = (status: number, error: string, message: string): SimulatorResponse => ({
  status,
  json: { error, error_details: message, message },
});
const v2Error = (status: number, id: string, message: string): SimulatorResponse => ({ status, json: { errors: [{ id, message }] } });
const ok = (json: unknown): SimulatorResponse => ({ status: 200, json });

export class CoinbaseSimulator extends HostedSimulator {
  protected readonly server: SimulatorServer;
  readonly #accounts = new Map<string, { account: CoinbaseSimAccount; publicKey: KeyObject }>();
  readonly #limiter = new CoinbaseRateLimiter();
  readonly #routes: Route[];
  readonly #products: readonly CoinbaseWireFutureProduct[];
  /** Coinbase answers every call with 503 while this is set. */
  maintenance = false;

  constructor(options: CoinbaseSimulatorOptions = {}) {
    super();
    this.#products = options.products ?? DEFAULT_COINBASE_FUTURE_PRODUCTS;
    this.server = new SimulatorServer({
      clock: options.clock,
      handler: (request) => this.#handle(request),
      statusBody: (fault, request) =>
        request.path.startsWith('/v2/')
          ? { errors: [{ id: fault.status === 429 ? 'rate_limit_exceeded' : 'internal_server_error', message: `HTTP ${fault.status}` }] }
          : {
              error: fault.status === 429 ? 'rate_limit_exceeded' : 'internal_server_error',
              error_details: `HTTP ${fault.status}`,
              message: `HTTP ${fault.status}`,
            },
    });
    const v3 = (path: string, handle: Route['handle']): Route => ({
      pattern: new RegExp(`^/api/v3/brokerage/${path}$`),
      limit: ADVANCED_TRADE_PRIVATE_LIMIT,
      v2: false,
      handle,
    });
    this.#routes = [
      v3('key_permissions', (_req, account) => ok(account.permissions)),
      v3('accounts', (req, account) => this.#walletAccounts(req, account)),
      v3('portfolios', (req, account) => {
        const type = req.query.get('portfolio_type');
        return ok({ portfolios: account.portfolios.filter((p) => type === null || p.type === type) });
      }),
      v3('intx/balances/([0-9a-f-]+)', (_req, account, [uuid]) => {
        const balances = account.intxBalances[uuid as string];
        if (balances === undefined) return v3Error(404, 'NOT_FOUND', 'portfolio not found');
        return ok({ portfolio_balances: [{ portfolio_uuid: uuid, balances, is_margin_limit_reached: false }] });
      }),
      v3('intx/positions/([0-9a-f-]+)', (_req, account, [uuid]) => {
        const positions = account.intxPositions[uuid as string];
        if (positions === undefined) return v3Error(404, 'NOT_FOUND', 'portfolio not found');
        return ok({ positions, summary: { aggregated_pnl: { value: '0', currency: 'USDC' } } });
      }),
      v3('cfm/balance_summary', (_req, account) =>
        account.cfmBalanceSummary === undefined ? v3Error(404, 'NOT_FOUND', 'futures account not found') : ok({ balance_summary: account.cfmBalanceSummary }),
      ),
      v3('cfm/positions', (_req, account) =>
        account.cfmBalanceSummary === undefined ? v3Error(404, 'NOT_FOUND', 'futures account not found') : ok({ positions: account.cfmPositions }),
      ),
      v3('products/([A-Z0-9-]+)', (_req, _account, [productId]) => {
        const product = this.#products.find((p) => p.product_id === productId);
        return product === undefined ? v3Error(404, 'NOT_FOUND', 'product not found') : ok(product);
      }),
      v3('orders/historical/fills', (req, account) => this.#fills(req, account)),
      { pattern: /^\/v2\/accounts$/, limit: V2_LIMIT, v2: true, handle: (req, account) => this.#v2Accounts(req, account) },
      {
        pattern: /^\/v2\/accounts\/([0-9a-f-]+)\/transactions$/,
        limit: V2_LIMIT,
        v2: true,
        handle: (req, account, [id]) => this.#transactions(req, account, id as string),
      },
    ];
  }

  addAccount(account: CoinbaseSimAccount): CoinbaseSimAccount {
    this.#accounts.set(account.keyName, { account, publicKey: publicKeyOf(account.privateKeyPem) });
    return account;
  }

  #handle(request: SimulatorRequest): SimulatorResponse {
    let route: Route | undefined;
    let params: string[] = [];
    for (const candidate of this.#routes) {
      const match = candidate.pattern.exec(request.path);
      if (match !== null && request.method === 'GET') {
        route = candidate;
        params = match.slice(1);
        break;
      }
    }
    if (route === undefined) return { status: 404, json: { errors: [{ id: 'not_found', message: 'Not found' }] } };
    if (this.maintenance) return { status: 503, json: { errors: [{ id: 'service_unavailable', message: 'Coinbase is down for scheduled maintenance.' }] } };

    const auth = request.headers.authorization ?? '';
    const token = auth.startsWith('Bearer ') ? auth.slice('Bearer '.length) : '';
    const host = request.headers.host ?? '';
    const uris = [`${request.method} ${host}${request.path}`, `${request.method} http://${host}${request.path}`];
    const verdict = verifyCoinbaseJwt(token, (kid) => this.#accounts.get(kid)?.publicKey, uris, Math.floor(request.now / 1000));
    // Coinbase's gateway answers every authentication failure alike, as plain text.
    if ('rejection' in verdict) return { status: 401, headers: { 'content-type': 'text/plain; charset=utf-8' }, text: 'Unauthorized\n' };
    const entry = this.#accounts.get(verdict.keyName);
    if (entry === undefined) return { status: 401, headers: { 'content-type': 'text/plain; charset=utf-8' }, text: 'Unauthorized\n' };

    const waitMs = this.#limiter.charge(`${verdict.keyName} ${route.v2 ? 'v2' : 'v3'}`, route.limit, request.now);
    if (waitMs !== undefined) {
      const headers = { 'retry-after': String(Math.max(1, Math.ceil(waitMs / 1000))) };
      return route.v2
        ? { ...v2Error(429, 'rate_limit_exceeded', 'Too many requests'), headers }
        : { ...v3Error(429, 'rate_limit_exceeded', 'Too many requests'), headers };
    }
    return route.handle(request, entry.account, params);
  }

  #walletAccounts(request: SimulatorRequest, account: CoinbaseSimAccount): SimulatorResponse {
    const limit = request.query.has('limit') ? Number(request.query.get('limit')) : ACCOUNTS_DEFAULT_LIMIT;
    if (!Number.isInteger(limit) || limit < 1) return v3Error(400, 'INVALID_ARGUMENT', 'limit must be a positive integer');
    const offset = request.query.has('cursor') && request.query.get('cursor') !== '' ? Number(request.query.get('cursor')) : 0;
    if (!Number.isInteger(offset) || offset < 0) return v3Error(400, 'INVALID_ARGUMENT', 'invalid cursor');
    const page = account.accounts.slice(offset, offset + Math.min(limit, ACCOUNTS_MAX_LIMIT));
    const next = offset + page.length;
    const hasNext = next < account.accounts.length;
    return ok({ accounts: page, has_next: hasNext, cursor: hasNext ? String(next) : '', size: page.length });
  }

  #fills(request: SimulatorRequest, account: CoinbaseSimAccount): SimulatorResponse {
    const q = request.query;
    const limit = q.has('limit') ? Number(q.get('limit')) : FILLS_DEFAULT_LIMIT;
    if (!Number.isInteger(limit) || limit < 1 || limit > FILLS_MAX_LIMIT) return v3Error(400, 'INVALID_ARGUMENT', 'limit out of range');
    const start = q.get('start_sequence_timestamp');
    const end = q.get('end_sequence_timestamp');
    const [from, to] = [start === null ? undefined : microsOf(start), end === null ? undefined : microsOf(end)];
    if (from === null || to === null) return v3Error(400, 'INVALID_ARGUMENT', 'invalid sequence timestamp');
    const products = q.getAll('product_ids');
    const rows = account.fills
      .filter((f) => {
        const at = microsOf(f.sequence_timestamp) as bigint;
        return (from === undefined || at >= from) && (to === undefined || at < to) && (products.length === 0 || products.includes(f.product_id));
      })
      .sort((a, b) => compareFills(b, a));
    const offset = q.has('cursor') && q.get('cursor') !== '' ? Number(q.get('cursor')) : 0;
    const page = rows.slice(offset, offset + limit);
    const next = offset + page.length;
    return ok({ fills: page, cursor: next < rows.length ? String(next) : '' });
  }

  /** Every wallet in v2 form (balance = available + hold), then the staked ones; `starting_after` pages. */
  #v2Accounts(request: SimulatorRequest, account: CoinbaseSimAccount): SimulatorResponse {
    const q = request.query;
    const limit = q.has('limit') ? Number(q.get('limit')) : V2_DEFAULT_LIMIT;
    if (!Number.isInteger(limit) || limit < 1 || limit > V2_MAX_LIMIT) return v2Error(400, 'invalid_request', 'limit must be between 1 and 100');
    const all: Record<string, unknown>[] = [
      ...account.accounts.map((w) => ({
        id: w.uuid,
        name: w.name,
        primary: w.default,
        type: w.type === 'ACCOUNT_TYPE_VAULT' ? 'vault' : w.type === 'ACCOUNT_TYPE_FIAT' ? 'fiat' : 'wallet',
        balance: { amount: String(Number(w.available_balance.value) + Number(w.hold.value)), currency: w.currency },
        currency: { code: w.currency },
        created_at: w.created_at,
        updated_at: w.updated_at,
        resource: 'account',
        resource_path: `/v2/accounts/${w.uuid}`,
      })),
      ...account.stakedWallets,
    ];
    const after = q.get('starting_after');
    const start = after === null ? 0 : all.findIndex((w) => w.id === after) + 1;
    if (after !== null && start === 0) return v2Error(400, 'invalid_request', 'starting_after is not an account');
    const page = all.slice(start, start + limit);
    const more = start + limit < all.length;
    const last = (page.at(-1)?.id as string | undefined) ?? null;
    return ok({
      pagination: {
        ending_before: null,
        starting_after: after,
        previous_ending_before: null,
        next_starting_after: more ? last : null,
        limit: String(limit),
        order: 'desc',
        previous_uri: null,
        next_uri: more ? `/v2/accounts?limit=${limit}&starting_after=${last}` : null,
      },
      data: page,
    });
  }

  #transactions(request: SimulatorRequest, account: CoinbaseSimAccount, walletId: string): SimulatorResponse {
    if (!account.accounts.some((a) => a.uuid === walletId) && !account.stakedWallets.some((w) => w.id === walletId)) {
      return v2Error(404, 'not_found', 'Not found');
    }
    const q = request.query;
    const limit = q.has('limit') ? Number(q.get('limit')) : V2_DEFAULT_LIMIT;
    if (!Number.isInteger(limit) || limit < 1 || limit > V2_MAX_LIMIT) return v2Error(400, 'invalid_request', 'limit must be between 1 and 100');
    const order = q.get('order') ?? 'desc';
    if (order !== 'asc' && order !== 'desc') return v2Error(400, 'invalid_request', 'order must be asc or desc');
    const all = [...(account.transactions[walletId] ?? [])].sort((a, b) => compareTransactions(a, b) * (order === 'asc' ? 1 : -1));
    let rows = all;
    const startingAfter = q.get('starting_after');
    const endingBefore = q.get('ending_before');
    if (startingAfter !== null) {
      const at = all.findIndex((t) => t.id === startingAfter);
      if (at < 0) return v2Error(400, 'invalid_request', 'starting_after is not a transaction of this account');
      rows = all.slice(at + 1);
    } else if (endingBefore !== null) {
      const at = all.findIndex((t) => t.id === endingBefore);
      if (at < 0) return v2Error(400, 'invalid_request', 'ending_before is not a transaction of this account');
      rows = all.slice(Math.max(0, at - limit), at);
    }
    const page = rows.slice(0, limit);
    const more = rows.length > page.length;
    const last = page.at(-1)?.id ?? null;
    const base = `/v2/accounts/${walletId}/transactions?limit=${limit}&order=${order}`;
    return ok({
      pagination: {
        ending_before: endingBefore,
        starting_after: startingAfter,
        previous_ending_before: page[0]?.id ?? null,
        next_starting_after: more ? last : null,
        limit: String(limit),
        order,
        previous_uri: null,
        next_uri: more ? `${base}&starting_after=${last}` : null,
      },
      data: page,
    });
  }
}

/** Microseconds since the epoch of an RFC 3339 time with up to nine fraction digits; null if unreadable. */
export function microsOf(iso: string): bigint | null {
  const match = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(?:\.(\d{1,9}))?Z$/.exec(iso);
  if (match === null) return null;
  const seconds = Date.parse(`${match[1]}Z`);
  if (!Number.isFinite(seconds)) return null;
  return BigInt(seconds) * 1000n + BigInt((match[2] ?? '').padEnd(9, '0').slice(0, 6));
}

function compareFills(a: CoinbaseWireFill, b: CoinbaseWireFill): number {
  const [x, y] = [microsOf(a.sequence_timestamp) as bigint, microsOf(b.sequence_timestamp) as bigint];
  return x === y ? a.entry_id.localeCompare(b.entry_id) : x < y ? -1 : 1;
}

function compareTransactions(a: CoinbaseWireTransaction, b: CoinbaseWireTransaction): number {
  const [x, y] = [Date.parse(a.created_at), Date.parse(b.created_at)];
  return x === y ? a.id.localeCompare(b.id) : x - y;
}

const future = (productId: string, size: string, root: string, name: string, expiry: string, price: string): CoinbaseWireFutureProduct => ({
  product_id: productId,
  price,
  product_type: 'FUTURE',
  quote_currency_id: 'USD',
  future_product_details: {
    venue: 'cde',
    contract_code: productId.split('-')[0] as string,
    contract_expiry: expiry,
    contract_size: size,
    contract_root_unit: root,
    contract_expiry_type: 'EXPIRING',
    contract_display_name: name,
  },
});

/** Coinbase Derivatives' monthly contracts as Coinbase lists them: nano Bitcoin is 0.01 BTC, nano Ether 0.1 ETH. */
export const DEFAULT_COINBASE_FUTURE_PRODUCTS: readonly CoinbaseWireFutureProduct[] = [
  future('BIT-24DEC26-CDE', '0.01', 'BTC', 'BTC 24 DEC 26', '2026-12-24T16:00:00Z', '92110'),
  future('ET-24DEC26-CDE', '0.1', 'ETH', 'ETH 24 DEC 26', '2026-12-24T16:00:00Z', '3094.5'),
  future('BIT-29JAN27-CDE', '0.01', 'BTC', 'BTC 29 JAN 27', '2027-01-29T16:00:00Z', '92780'),
];
