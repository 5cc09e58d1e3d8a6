import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { RequestLog } from '../framework/request-log.js';
import type { SimulatorRequest, SimulatorResponse } from '../framework/simulator-server.js';
import { WebSocketEndpoint } from '../framework/websocket-endpoint.js';
import type { BinanceSimAccount } from './binance-sim-account.js';

/**
 * Binance's USDⓈ-M (`fapi`) and COIN-M (`dapi`) futures user data streams, as ccxt pro (4.5)
 * reaches them: a listen key from `POST /fapi/v1/listenKey` or `POST /dapi/v1/listenKey`
 * (security type USER_STREAM: the `X-MBX-APIKEY` header, no signature), kept alive with `PUT`
 * on the same path every 20 minutes, closed with `DELETE`; then a WebSocket at
 * `/private/ws?listenKey=<key>` (USDⓈ-M, `wss://fstream.binance.com/private/ws`) or
 * `/ws/<key>` (COIN-M, `wss://dstream.binance.com/ws/<key>`). The simulator serves every host on
 * one port, so a connection belongs to the API its listen key was made on.
 *
 * As Binance: one active key per account and API (a second POST returns the same key and extends
 * it), 60 minutes of validity from the last POST or PUT, `-1125 This listenKey does not exist.`
 * for a keepalive of an unknown or expired key, and a `listenKeyExpired` event, after which the
 * stream is closed, when a key runs out while connected. Events are sent bare
 * (`{ "e": "ACCOUNT_UPDATE", … }`), not wrapped like the spot WebSocket API's.
 *
 * A connection with a key that does not exist (never made, expired, deleted) is refused with
 * HTTP 400; Binance does not document what its servers do, and a client must make a new key
 * either way.
 */

export type BinanceFuturesApi = 'fapi' | 'dapi';

const LISTEN_KEY_VALIDITY_MS = 60 * 60_000;
export const BINANCE_USDM_PRIVATE_WS_PATH = '/private/ws';
const STREAM_PATH = /^\/ws\/[A-Za-z0-9]+$/;
const LISTEN_KEY_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

interface ListenKey {
  key: string;
  apiKey: string;
  api: BinanceFuturesApi;
  validUntil: number;
}

interface ConnectionState {
  listenKey: ListenKey;
}

export interface BinanceFuturesUserStreamOptions {
  account: (apiKey: string) => BinanceSimAccount | undefined;
  now: () => number;
  requests: RequestLog;
}

/** The listen key endpoints, in the simulator's endpoint shape (weight 1 each on their API's counter). */
export interface ListenKeyEndpoint {
  weight: () => number;
  counter: BinanceFuturesApi;
  signed: false;
  handle: (request: SimulatorRequest) => SimulatorResponse;
}

const error = (status: number, code: number, msg: string): SimulatorResponse => ({ status, json: { code, msg } });

export class BinanceFuturesUserStream {
  readonly #options: BinanceFuturesUserStreamOptions;
  readonly #keys = new Map<string, ListenKey>();
  readonly #endpoint: WebSocketEndpoint<ConnectionState>;

  constructor(options: BinanceFuturesUserStreamOptions) {
    this.#options = options;
    this.#endpoint = new WebSocketEndpoint<ConnectionState>({
      paths: [BINANCE_USDM_PRIVATE_WS_PATH, STREAM_PATH],
      requests: options.requests,
      now: options.now,
      open: (path, query) => {
        const key = path === BINANCE_USDM_PRIVATE_WS_PATH ? (query.get('listenKey') ?? '') : path.slice('/ws/'.length);
        const listenKey = this.#live(key);
        return listenKey === undefined ? { refuse: 400 } : { state: { listenKey } };
      },
      // The user data stream takes no requests; Binance ignores what a client sends on it.
      message: () => ({ what: 'ignored', status: 400 }),
    });
  }

  /** `POST`, `PUT` and `DELETE` on `/fapi/v1/listenKey` and `/dapi/v1/listenKey`. */
  endpoints(): Record<string, ListenKeyEndpoint> {
    const endpoints: Record<string, ListenKeyEndpoint> = {};
    for (const api of ['fapi', 'dapi'] as const) {
      const path = `/${api}/v1/listenKey`;
      const endpoint = (handle: (request: SimulatorRequest, apiKey: string) => SimulatorResponse): ListenKeyEndpoint => ({
        weight: () => 1,
        counter: api,
        signed: false,
        handle: (request) => {
          const apiKey = request.headers['x-mbx-apikey'];
          if (apiKey === undefined || apiKey === '') return error(401, -2014, 'API-key format invalid.');
          const account = this.#options.account(apiKey);
          if (account === undefined || !account.permissions.enableReading || account.futuresUnavailable === true) {
            return error(401, -2015, 'Invalid API-key, IP, or permissions for action.');
          }
          return handle(request, apiKey);
        },
      });
      endpoints[`POST ${path}`] = endpoint((_request, apiKey) => ({ status: 200, json: { listenKey: this.#start(apiKey, api).key } }));
      endpoints[`PUT ${path}`] = endpoint((_request, apiKey) => {
        const active = this.#activeKey(apiKey, api);
        if (active === undefined) return error(400, -1125, 'This listenKey does not exist.');
        active.validUntil = this.#options.now() + LISTEN_KEY_VALIDITY_MS;
        return { status: 200, json: { listenKey: active.key } };
      });
      endpoints[`DELETE ${path}`] = endpoint((_request, apiKey) => {
        const active = this.#activeKey(apiKey, api);
        if (active !== undefined) this.#expire(active, false);
        return { status: 200, json: {} };
      });
    }
    return endpoints;
  }

  /** The HTTP server's `upgrade` handler for the futures stream paths; false for any other. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean {
    return this.#endpoint.handleUpgrade(req, socket, head);
  }

  /** Sends one event to every connection on this key's listen key for `api`. Returns how many received it. */
  push(apiKey: string, api: BinanceFuturesApi, event: Record<string, unknown>): number {
    const active = this.#activeKey(apiKey, api);
    if (active === undefined) return 0;
    return this.#endpoint.push((session) => session.state.listenKey === active, event);
  }

  /** Open connections on this key's `api` stream. */
  connections(apiKey: string, api: BinanceFuturesApi): number {
    return this.#endpoint.sessions.filter((s) => s.state.listenKey.apiKey === apiKey && s.state.listenKey.api === api).length;
  }

  /** Every open futures stream connection. */
  get totalConnections(): number {
    return this.#endpoint.sessions.length;
  }

  /** This key's current listen key on `api`, if one is valid (for tests). */
  listenKey(apiKey: string, api: BinanceFuturesApi): string | undefined {
    return this.#activeKey(apiKey, api)?.key;
  }

  idle(): Promise<void> {
    return this.#endpoint.idle();
  }

  close(): void {
    this.#endpoint.close();
  }

  #start(apiKey: string, api: BinanceFuturesApi): ListenKey {
    const validUntil = this.#options.now() + LISTEN_KEY_VALIDITY_MS;
    const active = this.#activeKey(apiKey, api);
    if (active !== undefined) {
      active.validUntil = validUntil;
      return active;
    }
    // Binance's listen keys are 64 letters and digits.
    const key = Array.from(randomBytes(64), (byte) => LISTEN_KEY_ALPHABET[byte % LISTEN_KEY_ALPHABET.length]).join('');
    const listenKey = { key, apiKey, api, validUntil };
    this.#keys.set(key, listenKey);
    return listenKey;
  }

  #activeKey(apiKey: string, api: BinanceFuturesApi): ListenKey | undefined {
    for (const listenKey of this.#keys.values()) {
      if (listenKey.apiKey === apiKey && listenKey.api === api) return this.#live(listenKey.key);
    }
    return undefined;
  }

  /** The listen key if it is still valid; one that ran out is expired here (its streams told and closed). */
  #live(key: string): ListenKey | undefined {
    const listenKey = this.#keys.get(key);
    if (listenKey === undefined) return undefined;
    if (this.#options.now() <= listenKey.validUntil) return listenKey;
    this.#expire(listenKey, true);
    return undefined;
  }

  #expire(listenKey: ListenKey, announce: boolean): void {
    this.#keys.delete(listenKey.key);
    for (const session of this.#endpoint.sessions) {
      if (session.state.listenKey !== listenKey) continue;
      if (announce) session.send({ e: 'listenKeyExpired', E: this.#options.now(), listenKey: listenKey.key });
      session.ws.close();
    }
  }
}
