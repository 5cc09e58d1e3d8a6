import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { type WebSocket, WebSocketServer } from 'ws';
import type { RequestLog } from '../framework/request-log.js';
import { isValidBinanceSignature } from './binance-signature.js';
import type { BinanceSimAccount } from './binance-sim-account.js';

/**
 * Binance's spot user data stream as ccxt pro (4.5) reaches it: through the WebSocket API at
 * `/ws-api/v3` (Binance retired spot listen keys), where a client sends
 *
 *   { "id": "1", "method": "userDataStream.subscribe.signature",
 *     "params": { "apiKey": "…", "timestamp": 1700000000000, "signature": "<hex>" } }
 *
 * and, once subscribed, receives its account's events wrapped as
 * `{ "subscriptionId": 0, "event": { "e": "outboundAccountPosition", … } }`.
 *
 * Checked as Binance checks them: the API key, the HMAC-SHA256 signature over the other
 * parameters sorted by name (`apiKey=…&timestamp=…`), and the timestamp inside `recvWindow`
 * (default 5000 ms, at most 60000, at most 1 s ahead). Errors come back as
 * `{ id, status, error: { code, msg } }` with Binance's codes. Ping frames are answered by the
 * WebSocket library, as Binance's servers answer them.
 */

const DEFAULT_RECV_WINDOW_MS = 5_000;
const MAX_RECV_WINDOW_MS = 60_000;
export const BINANCE_WS_API_PATH = '/ws-api/v3';

export interface BinanceUserDataStreamOptions {
  account: (apiKey: string) => BinanceSimAccount | undefined;
  /** Binance's clock. */
  now: () => number;
  /** The simulator's request log: upgrades and WebSocket API requests are logged there too. */
  requests: RequestLog;
}

interface Subscription {
  id: number;
  apiKey: string;
}

interface WsRequest {
  id?: unknown;
  method?: unknown;
  params?: unknown;
}

export class BinanceUserDataStream {
  readonly #options: BinanceUserDataStreamOptions;
  readonly #wss = new WebSocketServer({ noServer: true });
  readonly #subscriptions = new Map<WebSocket, Subscription[]>();
  #nextSubscriptionId = 0;
  #idleWaiters: (() => void)[] = [];

  constructor(options: BinanceUserDataStreamOptions) {
    this.#options = options;
  }

  /** The HTTP server's `upgrade` handler: accepts `/ws-api/v3`, refuses anything else with 404. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const entry = { method: 'GET', path: url.pathname, rawQuery: url.search.slice(1), headers: {}, at: this.#options.now() };
    if (url.pathname !== BINANCE_WS_API_PATH) {
      this.#options.requests.add({ ...entry, status: 404 });
      socket.end('HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n');
      return;
    }
    this.#options.requests.add({ ...entry, status: 101 });
    this.#wss.handleUpgrade(req, socket, head, (ws) => {
      this.#subscriptions.set(ws, []);
      ws.on('message', (data) => this.#onMessage(ws, data.toString()));
      ws.on('close', () => {
        this.#subscriptions.delete(ws);
        if (this.#subscriptions.size === 0) for (const resolve of this.#idleWaiters.splice(0)) resolve();
      });
    });
  }

  /** Open WebSocket connections (subscribed or not). */
  get connections(): number {
    return this.#subscriptions.size;
  }

  /** Live subscriptions to this key's user data stream. */
  subscribers(apiKey: string): number {
    let count = 0;
    for (const subscriptions of this.#subscriptions.values()) count += subscriptions.filter((s) => s.apiKey === apiKey).length;
    return count;
  }

  /** Resolves once no WebSocket connection is open (at once when none is). */
  idle(): Promise<void> {
    if (this.#subscriptions.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.#idleWaiters.push(resolve));
  }

  /** Sends one user data event to every subscription of this key. */
  push(apiKey: string, event: Record<string, unknown>): void {
    for (const [ws, subscriptions] of this.#subscriptions) {
      for (const subscription of subscriptions) {
        if (subscription.apiKey === apiKey) ws.send(JSON.stringify({ subscriptionId: subscription.id, event }));
      }
    }
  }

  /** Drops every connection, as a server restart would. */
  close(): void {
    for (const ws of this.#subscriptions.keys()) ws.terminate();
    this.#subscriptions.clear();
    for (const resolve of this.#idleWaiters.splice(0)) resolve();
  }

  #onMessage(ws: WebSocket, text: string): void {
    let request: WsRequest;
    try {
      request = JSON.parse(text) as WsRequest;
    } catch {
      ws.send(JSON.stringify({ id: null, status: 400, error: { code: -1100, msg: 'Illegal characters found in a parameter.' } }));
      return;
    }
    const id = typeof request.id === 'string' || typeof request.id === 'number' ? request.id : null;
    const method = typeof request.method === 'string' ? request.method : '';
    const params = typeof request.params === 'object' && request.params !== null ? (request.params as Record<string, unknown>) : {};
    const status = (() => {
      switch (method) {
        case 'userDataStream.subscribe.signature':
          return this.#subscribe(ws, id, params);
        case 'userDataStream.unsubscribe':
          return this.#unsubscribe(ws, id, params);
        case 'ping':
          ws.send(JSON.stringify({ id, status: 200, result: {} }));
          return 200;
        default:
          ws.send(JSON.stringify({ id, status: 400, error: { code: -1020, msg: 'This operation is not supported.' } }));
          return 400;
      }
    })();
    this.#options.requests.add({ method: 'WS', path: `${BINANCE_WS_API_PATH} ${method}`, rawQuery: '', headers: {}, status, at: this.#options.now() });
  }

  #subscribe(ws: WebSocket, id: string | number | null, params: Record<string, unknown>): number {
    const fail = (status: number, code: number, msg: string) => {
      ws.send(JSON.stringify({ id, status, error: { code, msg } }));
      return status;
    };
    const apiKey = typeof params.apiKey === 'string' ? params.apiKey : '';
    if (apiKey === '') return fail(400, -1102, "Mandatory parameter 'apiKey' was not sent, was empty/null, or malformed.");
    const account = this.#options.account(apiKey);
    if (account === undefined || !account.permissions.enableReading) return fail(401, -2015, 'Invalid API-key, IP, or permissions for action.');
    if (params.timestamp === undefined) return fail(400, -1102, "Mandatory parameter 'timestamp' was not sent, was empty/null, or malformed.");
    const timestamp = Number(params.timestamp);
    const recvWindow = params.recvWindow === undefined ? DEFAULT_RECV_WINDOW_MS : Number(params.recvWindow);
    if (!Number.isFinite(recvWindow) || recvWindow > MAX_RECV_WINDOW_MS) return fail(400, -1131, 'recvWindow must be less than 60000');

    // The WebSocket API signs every parameter but `signature`, sorted by name, as a query string.
    const signed = Object.keys(params)
      .filter((key) => key !== 'signature')
      .sort()
      .map((key) => `${key}=${String(params[key])}`)
      .join('&');
    const signature = typeof params.signature === 'string' ? params.signature : undefined;
    if (signature === undefined) return fail(400, -1102, "Mandatory parameter 'signature' was not sent, was empty/null, or malformed.");
    if (!isValidBinanceSignature(account.secret, { totalParams: signed, signature })) return fail(400, -1022, 'Signature for this request is not valid.');

    const now = this.#options.now();
    if (timestamp >= now + 1_000) return fail(400, -1021, "Timestamp for this request was 1000ms ahead of the server's time.");
    if (now - timestamp > recvWindow) return fail(400, -1021, 'Timestamp for this request is outside of the recvWindow.');

    const subscription = { id: this.#nextSubscriptionId++, apiKey };
    this.#subscriptions.get(ws)?.push(subscription);
    ws.send(
      JSON.stringify({
        id,
        status: 200,
        result: { subscriptionId: subscription.id },
        rateLimits: [{ rateLimitType: 'REQUEST_WEIGHT', interval: 'MINUTE', intervalNum: 1, limit: 6000, count: 2 }],
      }),
    );
    return 200;
  }

  #unsubscribe(ws: WebSocket, id: string | number | null, params: Record<string, unknown>): number {
    const subscriptions = this.#subscriptions.get(ws) ?? [];
    const only = params.subscriptionId === undefined ? undefined : Number(params.subscriptionId);
    this.#subscriptions.set(
      ws,
      subscriptions.filter((s) => only !== undefined && s.id !== only),
    );
    ws.send(JSON.stringify({ id, status: 200, result: {} }));
    return 200;
  }
}
