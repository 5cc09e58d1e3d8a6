import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { RequestLog } from '../framework/request-log.js';
import { WebSocketEndpoint, type WebSocketSession } from '../framework/websocket-endpoint.js';
import { isValidOkxSignature } from './okx-signature.js';
import type { OkxSimAccount, OkxWireBalanceDetail } from './okx-sim-account.js';

/**
 * OKX's private WebSocket (`wss://ws.okx.com:8443/ws/v5/private`) as ccxt pro (4.5) speaks it:
 *
 * - text `ping` is answered with text `pong` (OKX has no protocol-level ping; ccxt sends one
 *   every 18 s);
 * - `{ "op": "login", "args": [{ "apiKey", "passphrase", "timestamp", "sign" }] }` where
 *   `timestamp` is Unix seconds and `sign` = Base64(HMAC-SHA256(secret, timestamp + "GET" +
 *   "/users/self/verify")), re-derived here; answered `{ "event": "login", "code": "0", … }` or
 *   `{ "event": "error", "code", "msg", "connId" }` with OKX's codes: 60009 for a login without
 *   its fields, 60005 unknown key, 60004 a timestamp that is not a number, 60006 one more than
 *   30 s off, 60024 a wrong passphrase, 60007 a signature that does not match;
 * - `{ "op": "subscribe", "args": [{ "channel": "account" }] }` and
 *   `[{ "channel": "positions", "instType": "ANY" }]`: refused with 60011 before a login, 60018
 *   for a channel the simulator does not serve, 60012 for a request that is not JSON or has no
 *   args; acknowledged with `{ "event": "subscribe", "arg", "connId" }` and followed by a
 *   snapshot (`"eventType": "snapshot"`) of the trading account or of every open position;
 * - later pushes are `"eventType": "event_update"` with only what changed, in the REST shapes
 *   (`details[]` rows of `/account/balance`, rows of `/account/positions`; a closed position
 *   comes once more with `pos` "0").
 */

export const OKX_PRIVATE_WS_PATH = '/ws/v5/private';
const MAX_SKEW_MS = 30_000;

type Channel = 'account' | 'positions';

interface ConnectionState {
  connId: string;
  apiKey: string | undefined;
  channels: Set<Channel>;
}

type Session = WebSocketSession<ConnectionState>;

export interface OkxPrivateStreamOptions {
  account: (apiKey: string) => OkxSimAccount | undefined;
  now: () => number;
  requests: RequestLog;
  /** The account's `uid`, as OKX names it in each push's `arg`. */
  uid: string;
  /**
   * Positions per snapshot page: OKX splits a large snapshot into pages (`curPage`, `lastPage`);
   * tests set a small size to see a client gather them. One page by default.
   */
  snapshotPageSize?: number;
}

export class OkxPrivateStream {
  readonly #options: OkxPrivateStreamOptions;
  readonly #endpoint: WebSocketEndpoint<ConnectionState>;

  constructor(options: OkxPrivateStreamOptions) {
    this.#options = options;
    this.#endpoint = new WebSocketEndpoint<ConnectionState>({
      paths: [OKX_PRIVATE_WS_PATH],
      requests: options.requests,
      now: options.now,
      open: () => ({ state: { connId: randomBytes(4).toString('hex'), apiKey: undefined, channels: new Set() } }),
      message: (session, text) => this.#onMessage(session, text),
    });
  }

  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean {
    return this.#endpoint.handleUpgrade(req, socket, head);
  }

  /** Connections logged in with this key and subscribed to `channel`. */
  subscribers(apiKey: string, channel: Channel): number {
    return this.#endpoint.sessions.filter((s) => s.state.apiKey === apiKey && s.state.channels.has(channel)).length;
  }

  get connections(): number {
    return this.#endpoint.sessions.length;
  }

  idle(): Promise<void> {
    return this.#endpoint.idle();
  }

  close(): void {
    this.#endpoint.close();
  }

  /** An `account` push naming the balance details that changed. */
  pushBalances(apiKey: string, details: readonly OkxWireBalanceDetail[]): number {
    return this.#endpoint.push((s) => s.state.apiKey === apiKey && s.state.channels.has('account'), this.#accountPush('event_update', details));
  }

  /** A `positions` push with the positions that changed (a closed one with `pos` "0"). */
  pushPositions(apiKey: string, positions: readonly Record<string, string>[]): number {
    return this.#endpoint.push((s) => s.state.apiKey === apiKey && s.state.channels.has('positions'), this.#positionsPush('event_update', positions));
  }

  #accountPush(eventType: 'snapshot' | 'event_update', details: readonly OkxWireBalanceDetail[]) {
    const uTime = String(this.#options.now());
    return {
      arg: { channel: 'account', uid: this.#options.uid },
      eventType,
      curPage: 1,
      lastPage: true,
      data: [
        {
          uTime,
          totalEq: '',
          isoEq: '0',
          adjEq: '',
          ordFroz: '',
          imr: '',
          mmr: '',
          notionalUsd: '',
          mgnRatio: '',
          upl: '',
          details: details.map((d) => ({ ...d, uTime })),
        },
      ],
    };
  }

  #positionsPush(eventType: 'snapshot' | 'event_update', positions: readonly Record<string, string>[], page = 1, lastPage = true) {
    const pTime = String(this.#options.now());
    return {
      arg: { channel: 'positions', instType: 'ANY', uid: this.#options.uid },
      eventType,
      curPage: page,
      lastPage,
      data: positions.map((p) => ({ ...p, pTime })),
    };
  }

  /** A positions snapshot, in pages of `snapshotPageSize` (one page when it is not set, or when nothing is open). */
  #positionsSnapshot(positions: readonly Record<string, string>[]) {
    const size = this.#options.snapshotPageSize ?? Math.max(1, positions.length);
    const pages = Math.max(1, Math.ceil(positions.length / size));
    return Array.from({ length: pages }, (_, i) => this.#positionsPush('snapshot', positions.slice(i * size, (i + 1) * size), i + 1, i + 1 === pages));
  }

  #onMessage(session: Session, text: string): { what: string; status: number } {
    if (text === 'ping') {
      session.send('pong');
      return { what: 'ping', status: 200 };
    }
    const fail = (code: string, msg: string, what: string) => {
      session.send({ event: 'error', code, msg, connId: session.state.connId });
      return { what, status: 400 };
    };
    let request: { op?: unknown; args?: unknown };
    try {
      request = JSON.parse(text) as { op?: unknown; args?: unknown };
    } catch {
      return fail('60012', `Invalid request: ${text}`, 'malformed');
    }
    const args = Array.isArray(request.args) ? (request.args as unknown[]) : undefined;
    if (args === undefined || args.length === 0) return fail('60012', `Invalid request: ${text}`, String(request.op));
    switch (request.op) {
      case 'login':
        return this.#login(session, args[0], fail);
      case 'subscribe':
        return this.#subscribe(session, args, text, fail);
      default:
        return fail('60019', `Invalid op: ${String(request.op)}`, String(request.op));
    }
  }

  #login(session: Session, arg: unknown, fail: (code: string, msg: string, what: string) => { what: string; status: number }) {
    const a = (arg ?? {}) as Record<string, unknown>;
    const field = (name: string) => (typeof a[name] === 'string' ? (a[name] as string) : '');
    const [apiKey, passphrase, timestamp, sign] = [field('apiKey'), field('passphrase'), field('timestamp'), field('sign')];
    if (apiKey === '' || passphrase === '' || timestamp === '' || sign === '') return fail('60009', 'Login failed.', 'login');
    const account = this.#options.account(apiKey);
    if (account === undefined) return fail('60005', 'Invalid OK_ACCESS_KEY', 'login');
    const seconds = Number(timestamp);
    if (!/^\d+(\.\d+)?$/.test(timestamp) || !Number.isFinite(seconds)) return fail('60004', 'Invalid timestamp', 'login');
    if (Math.abs(this.#options.now() - seconds * 1000) > MAX_SKEW_MS) return fail('60006', 'Timestamp request expired', 'login');
    if (passphrase !== account.passphrase) return fail('60024', 'Wrong passphrase', 'login');
    if (!isValidOkxSignature(account.secret, sign, timestamp, 'GET', '/users/self/verify', '')) return fail('60007', 'Invalid sign', 'login');
    session.state.apiKey = apiKey;
    session.send({ event: 'login', code: '0', msg: '', connId: session.state.connId });
    return { what: 'login', status: 200 };
  }

  #subscribe(session: Session, args: unknown[], text: string, fail: (code: string, msg: string, what: string) => { what: string; status: number }) {
    const apiKey = session.state.apiKey;
    const account = apiKey === undefined ? undefined : this.#options.account(apiKey);
    const channels: { channel: Channel; arg: Record<string, unknown> }[] = [];
    for (const raw of args) {
      const arg = (raw ?? {}) as Record<string, unknown>;
      const channel = arg.channel;
      if (channel !== 'account' && channel !== 'positions') {
        return fail(
          '60018',
          `Wrong URL or channel:${String(channel)} doesn't exist. Please use the correct URL, channel and parameters referring to API document.`,
          `subscribe ${String(channel)}`,
        );
      }
      if (channel === 'positions' && typeof arg.instType !== 'string') return fail('60012', `Invalid request: ${text}`, 'subscribe positions');
      channels.push({ channel, arg });
    }
    const what = `subscribe ${channels.map((c) => c.channel).join(',')}`;
    if (account === undefined || apiKey === undefined) return fail('60011', 'Please log in', what);
    for (const { channel, arg } of channels) {
      session.state.channels.add(channel);
      session.send({ event: 'subscribe', arg, connId: session.state.connId });
      if (channel === 'account') {
        session.send(
          this.#accountPush(
            'snapshot',
            account.trading.filter((d) => d.eq !== '0' && d.eq !== ''),
          ),
        );
      } else {
        const instType = String(arg.instType);
        for (const page of this.#positionsSnapshot(account.positions.filter((p) => instType === 'ANY' || p.instType === instType))) session.send(page);
      }
    }
    return { what, status: 200 };
  }
}
