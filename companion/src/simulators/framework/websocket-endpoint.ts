import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { type RawData, type WebSocket, WebSocketServer } from 'ws';
import type { RequestLog } from './request-log.js';

/** One open connection and the state its provider keeps for it (logged-in key, subscriptions …). */
export interface WebSocketSession<State> {
  readonly ws: WebSocket;
  /** The path the client connected to (`/ws/v5/private`), and its query. */
  readonly path: string;
  readonly query: URLSearchParams;
  state: State;
  /** Sends a JSON message (or a text frame as is). */
  send(message: unknown): void;
}

export interface WebSocketEndpointOptions<State> {
  /** Paths this endpoint accepts (exact, or a RegExp); any other upgrade is refused with 404. */
  paths: readonly (string | RegExp)[];
  /** The simulator's request log: upgrades and messages are logged there as `WS <path> <what>`. */
  requests: RequestLog;
  /** The provider's clock. */
  now: () => number;
  /** State for a new connection; may refuse it (a listen key that does not exist) with an HTTP status. */
  open(path: string, query: URLSearchParams): { state: State } | { refuse: number };
  /**
   * A message from the client. Returns what to log for it (`login`, `subscribe account` …) and
   * a status (200 accepted, 4xx refused) so tests can assert on the request log.
   */
  message(session: WebSocketSession<State>, text: string): { what: string; status: number };
  /** The connection is open: for providers that greet first (KuCoin's `welcome`). */
  connected?(session: WebSocketSession<State>): void;
  /** The client went away. */
  closed?(session: WebSocketSession<State>): void;
}

/**
 * The WebSocket half of a provider simulator, on the simulator's own port (SimulatorServer's
 * `upgrade` option): accepts the provider's stream paths, keeps one session per connection, logs
 * upgrades and messages in the request log, and lets the simulator push to the sessions it picks
 * (every connection logged in with one key and subscribed to one channel, say). Each provider's
 * protocol (login, signatures, subscriptions, event shapes) lives in its own simulator; ping
 * frames are answered by the `ws` library, as the providers' servers answer them.
 */
export class WebSocketEndpoint<State> {
  readonly #options: WebSocketEndpointOptions<State>;
  readonly #wss = new WebSocketServer({ noServer: true });
  readonly #sessions = new Set<WebSocketSession<State>>();
  #idleWaiters: (() => void)[] = [];

  constructor(options: WebSocketEndpointOptions<State>) {
    this.#options = options;
  }

  /** The HTTP server's `upgrade` handler. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const accepts = this.#options.paths.some((p) => (typeof p === 'string' ? p === url.pathname : p.test(url.pathname)));
    if (!accepts) return false;
    const log = (status: number) =>
      this.#options.requests.add({ method: 'GET', path: url.pathname, rawQuery: url.search.slice(1), headers: {}, status, at: this.#options.now() });
    const opened = this.#options.open(url.pathname, url.searchParams);
    if ('refuse' in opened) {
      log(opened.refuse);
      socket.end(`HTTP/1.1 ${opened.refuse} Refused\r\nContent-Length: 0\r\nConnection: close\r\n\r\n`);
      return true;
    }
    log(101);
    this.#wss.handleUpgrade(req, socket, head, (ws) => {
      const session: WebSocketSession<State> = {
        ws,
        path: url.pathname,
        query: url.searchParams,
        state: opened.state,
        send: (message) => ws.send(typeof message === 'string' ? message : JSON.stringify(message)),
      };
      this.#sessions.add(session);
      this.#options.connected?.(session);
      ws.on('message', (data: RawData) => {
        const { what, status } = this.#options.message(session, data.toString());
        this.#options.requests.add({ method: 'WS', path: `${url.pathname} ${what}`, rawQuery: '', headers: {}, status, at: this.#options.now() });
      });
      ws.on('close', () => {
        this.#sessions.delete(session);
        this.#options.closed?.(session);
        if (this.#sessions.size === 0) for (const resolve of this.#idleWaiters.splice(0)) resolve();
      });
    });
    return true;
  }

  /** Open connections. */
  get sessions(): readonly WebSocketSession<State>[] {
    return [...this.#sessions];
  }

  /** Sends `message` to every session `to` picks. Returns how many received it. */
  push(to: (session: WebSocketSession<State>) => boolean, message: unknown): number {
    let sent = 0;
    for (const session of this.#sessions) {
      if (!to(session)) continue;
      session.send(message);
      sent += 1;
    }
    return sent;
  }

  /** Resolves once no connection is open (at once when none is). */
  idle(): Promise<void> {
    if (this.#sessions.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.#idleWaiters.push(resolve));
  }

  /** Drops every connection, as a server restart would. */
  close(): void {
    for (const session of this.#sessions) session.ws.terminate();
    this.#sessions.clear();
    for (const resolve of this.#idleWaiters.splice(0)) resolve();
  }
}

/**
 * An `upgrade` handler for SimulatorServer that offers the upgrade to each endpoint in turn and
 * refuses it with 404 (logged) when none accepts it.
 */
export function upgradeTo(requests: RequestLog, now: () => number, ...endpoints: Pick<WebSocketEndpoint<unknown>, 'handleUpgrade'>[]) {
  return (req: IncomingMessage, socket: Duplex, head: Buffer): void => {
    for (const endpoint of endpoints) if (endpoint.handleUpgrade(req, socket, head)) return;
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    requests.add({ method: 'GET', path: url.pathname, rawQuery: url.search.slice(1), headers: {}, status: 404, at: now() });
    socket.end('HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n');
  };
}
