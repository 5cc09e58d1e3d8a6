import { timingSafeEqual } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import type { RequestLog } from '../framework/request-log.js';
import { WebSocketEndpoint, type WebSocketSession } from '../framework/websocket-endpoint.js';
import { signCoinexRequest } from './coinex-signature.js';
import type { CoinexSimAccount } from './coinex-sim-account.js';

/**
 * CoinEx's v2 WebSocket (`wss://socket.coinex.com/v2/spot/` and `/v2/futures/`) as ccxt pro (4.5)
 * uses it for balances. Every server frame is gzip-compressed JSON, sent as a binary frame (ccxt
 * gunzips them); the client sends plain JSON text.
 *
 * - `{ "id": 1, "method": "server.sign", "params": { "access_id": "…", "signed_str": "<hex>",
 *   "timestamp": 1700490703564 } }`, signed_str being the lower-case hex HMAC-SHA256 of the
 *   timestamp (as text) keyed with the secret; the timestamp must be within `SIGN_WINDOW_MS` of
 *   CoinEx's clock. `{ "id": 1, "code": 0, "message": "OK" }` or `{ "id": 1, "code": 21002,
 *   "message": "Signature Incorrect" }` (CoinEx's code for a signature it cannot verify, a key it
 *   does not know and a stale timestamp alike).
 * - `{ "id": 2, "method": "balance.subscribe", "params": { "ccy_list": ["BTC", …] } }` (an empty list
 *   means every currency) → `{ "id": 2, "code": 0, "message": "OK" }`, or 21001 "require auth"
 *   before a successful `server.sign`. Then each change arrives as `{ "method": "balance.update",
 *   "data": { "balance_list": [ … ] }, "id": null }`: spot rows `{ "margin_market": "", "ccy",
 *   "available", "frozen", "updated_at" }` (an isolated margin row names its market), futures rows
 *   `{ "ccy", "available", "frozen", "margin", "transferrable", "unrealized_pnl", "equity" }`.
 * - `{ "id": 3, "method": "server.ping", "params": {} }` → `{ "id": 3, "code": 0, "message": "OK",
 *   "data": { "result": "pong" } }`; WebSocket ping frames are answered too.
 */

const SIGN_WINDOW_MS = 60_000;
export const COINEX_WS_PATHS = { spot: /^\/v2\/spot\/?$/, futures: /^\/v2\/futures\/?$/ } as const;
type Market = keyof typeof COINEX_WS_PATHS;

interface StreamState {
  market: Market;
  apiKey: string | undefined;
  /** Subscribed currencies; empty = all; undefined = not subscribed. */
  balances: Set<string> | undefined;
}

export interface CoinexPrivateStreamOptions {
  account: (apiKey: string) => CoinexSimAccount | undefined;
  now: () => number;
  requests: RequestLog;
}

export class CoinexPrivateStream {
  readonly endpoint: WebSocketEndpoint<StreamState>;
  readonly #options: CoinexPrivateStreamOptions;

  constructor(options: CoinexPrivateStreamOptions) {
    this.#options = options;
    this.endpoint = new WebSocketEndpoint<StreamState>({
      paths: Object.values(COINEX_WS_PATHS),
      requests: options.requests,
      now: options.now,
      open: (path) => ({ state: { market: COINEX_WS_PATHS.futures.test(path) ? 'futures' : 'spot', apiKey: undefined, balances: undefined } }),
      message: (session, text) => this.#message(session, text),
    });
  }

  /** Connections subscribed to this key's balances on one socket. */
  subscribers(apiKey: string, market: Market): number {
    return this.endpoint.sessions.filter((s) => s.state.apiKey === apiKey && s.state.market === market && s.state.balances !== undefined).length;
  }

  /** Pushes `balance.update` with these rows to the key's subscribers on the market's socket. */
  publish(apiKey: string, market: Market, rows: Record<string, unknown>[]): number {
    let sent = 0;
    for (const session of this.endpoint.sessions) {
      const wanted = session.state.balances;
      if (session.state.apiKey !== apiKey || session.state.market !== market || wanted === undefined) continue;
      const list = rows.filter((row) => wanted.size === 0 || wanted.has(String(row.ccy)));
      if (list.length === 0) continue;
      send(session, { method: 'balance.update', data: { balance_list: list }, id: null });
      sent += 1;
    }
    return sent;
  }

  close(): void {
    this.endpoint.close();
  }

  #message(session: WebSocketSession<StreamState>, text: string): { what: string; status: number } {
    let request: { id?: unknown; method?: unknown; params?: unknown };
    try {
      request = JSON.parse(text) as typeof request;
    } catch {
      send(session, { id: null, code: 20001, message: 'invalid argument' });
      return { what: 'unreadable', status: 400 };
    }
    const id = typeof request.id === 'number' ? request.id : null;
    const method = typeof request.method === 'string' ? request.method : '';
    const params = (typeof request.params === 'object' && request.params !== null ? request.params : {}) as Record<string, unknown>;
    const answer = (code: number, message: string, status: number, data?: unknown) => {
      send(session, { id, code, message, ...(data === undefined ? {} : { data }) });
      return { what: method, status };
    };
    switch (method) {
      case 'server.ping':
        return answer(0, 'OK', 200, { result: 'pong' });
      case 'server.sign': {
        const apiKey = typeof params.access_id === 'string' ? params.access_id : undefined;
        const signed = typeof params.signed_str === 'string' ? params.signed_str : undefined;
        const timestamp = typeof params.timestamp === 'number' ? params.timestamp : undefined;
        if (apiKey === undefined || signed === undefined || timestamp === undefined) return answer(20001, 'invalid argument', 400);
        const account = this.#options.account(apiKey);
        const expected = account === undefined ? undefined : Buffer.from(signCoinexRequest(account.secret, String(timestamp)), 'utf8');
        const given = Buffer.from(signed, 'utf8');
        const fresh = Math.abs(this.#options.now() - timestamp) <= SIGN_WINDOW_MS;
        if (expected === undefined || !fresh || given.length !== expected.length || !timingSafeEqual(given, expected))
          return answer(21002, 'Signature Incorrect', 401);
        session.state.apiKey = apiKey;
        return answer(0, 'OK', 200);
      }
      case 'balance.subscribe': {
        if (session.state.apiKey === undefined) return answer(21001, 'require auth', 401);
        const list = Array.isArray(params.ccy_list) ? params.ccy_list.filter((c): c is string => typeof c === 'string') : undefined;
        if (list === undefined) return answer(20001, 'invalid argument', 400);
        session.state.balances = new Set(list);
        return answer(0, 'OK', 200);
      }
      case 'balance.unsubscribe':
        session.state.balances = undefined;
        return answer(0, 'OK', 200);
      default:
        return answer(20002, 'method not found', 400);
    }
  }
}

/** CoinEx compresses every server message. */
function send(session: WebSocketSession<StreamState>, message: unknown): void {
  session.ws.send(gzipSync(Buffer.from(JSON.stringify(message), 'utf8')), { binary: true });
}
