import { dec, toDecimalString } from '@omnifolio/shared/money';
import type { RequestLog } from '../framework/request-log.js';
import { WebSocketEndpoint, type WebSocketSession } from '../framework/websocket-endpoint.js';
import { htxEncode, htxPayload, isValidHtxSignature } from './htx-signature.js';
import type { HtxSimAccount } from './htx-sim-account.js';

/**
 * HTX's "asset and order" WebSocket (`wss://api.huobi.pro/ws/v2`) as ccxt pro (4.5) uses it for
 * spot balances. Frames are plain JSON text: HTX compresses its market-data socket (`/ws`,
 * gzip) but not this one ("Message Compression: None").
 *
 * - Authentication, signature version 2.1:
 *   `{ "action": "req", "ch": "auth", "params": { "authType": "api", "accessKey": "…",
 *   "signatureMethod": "HmacSHA256", "signatureVersion": "2.1", "timestamp": "2019-09-01T18:16:16",
 *   "signature": "…" } }`, signed as Base64 HMAC-SHA256 of
 *   `GET\n<host>\n/ws/v2\n<the four other parameters, URL-encoded and sorted>`; the timestamp (UTC)
 *   must be within five minutes. Accepted: `{ "action": "req", "code": 200, "ch": "auth", "data": {} }`;
 *   refused: `{ "action": "req", "code": 2002, "ch": "auth", "message": "auth.fail" }`.
 * - `{ "action": "sub", "ch": "accounts.update#2" }` → `{ "action": "sub", "code": 200, "ch": …, "data": {} }`,
 *   then HTX pushes the current balance of every currency of every account, then each change:
 *   `{ "action": "push", "ch": "accounts.update#2", "data": { "currency": "btc", "accountId": 123,
 *   "balance": "23.111", "available": "2028.69", "changeType": "order.match", "accountType": "trade",
 *   "seqNum": "86872993928", "changeTime": 1568601800000 } }` (mode 2: both amounts on every change).
 *   Subscribing before authenticating: `{ "action": "sub", "code": 2002, "ch": …, "message": "invalid.auth.state" }`.
 * - Heartbeat: HTX sends `{ "action": "ping", "data": { "ts": … } }` (every 20 s), the client answers
 *   `{ "action": "pong", "data": { "ts": <the same> } }`.
 */

export const HTX_WS_V2_PATH = '/ws/v2';
const MAX_SKEW_MS = 5 * 60_000;
const ACCOUNTS_CHANNEL = 'accounts.update#2';

interface StreamState {
  apiKey: string | undefined;
  accounts: boolean;
  pongs: number[];
}

export interface HtxPrivateStreamOptions {
  account: (apiKey: string) => HtxSimAccount | undefined;
  now: () => number;
  requests: RequestLog;
  /** Hosts a request may be signed for (`api.huobi.pro`, `api-aws.huobi.pro`). */
  hosts: readonly string[];
}

export class HtxPrivateStream {
  readonly endpoint: WebSocketEndpoint<StreamState>;
  readonly #options: HtxPrivateStreamOptions;
  #seqNum = 1_000;
  #pongWaiters: { session: WebSocketSession<StreamState>; ts: number; resolve: () => void }[] = [];

  constructor(options: HtxPrivateStreamOptions) {
    this.#options = options;
    this.endpoint = new WebSocketEndpoint<StreamState>({
      paths: [HTX_WS_V2_PATH],
      requests: options.requests,
      now: options.now,
      open: () => ({ state: { apiKey: undefined, accounts: false, pongs: [] } }),
      message: (session, text) => this.#message(session, text),
    });
  }

  /** Connections subscribed to this key's account changes. */
  subscribers(apiKey: string): number {
    return this.endpoint.sessions.filter((s) => s.state.apiKey === apiKey && s.state.accounts).length;
  }

  /** Sends HTX's heartbeat to every connection; resolves once each has answered with the same ts. */
  ping(): Promise<void> {
    const ts = this.#options.now();
    const answered = this.endpoint.sessions.map((session) => new Promise<void>((resolve) => this.#pongWaiters.push({ session, ts, resolve })));
    this.endpoint.push(() => true, { action: 'ping', data: { ts } });
    return Promise.all(answered).then(() => undefined);
  }

  /**
   * Pushes the balance of one currency of one account, as HTX does after it changed: for
   * `accountType` `trade` the whole balance (trade + frozen + lock) and its available part (trade);
   * for `loan` and `interest` (margin accounts) that row's amount, negative, as both.
   */
  publish(
    apiKey: string,
    account: HtxSimAccount['accounts'][number],
    currency: string,
    changeType: string | null,
    accountType: 'trade' | 'loan' | 'interest' = 'trade',
  ): number {
    return this.endpoint.push((s) => s.state.apiKey === apiKey && s.state.accounts, this.#push(account, currency, changeType, accountType));
  }

  close(): void {
    this.endpoint.close();
  }

  #push(account: HtxSimAccount['accounts'][number], currency: string, changeType: string | null, accountType: 'trade' | 'loan' | 'interest' = 'trade') {
    const rows = account.list.filter((row) => row.currency === currency);
    const sum = (kinds: string[]) => toDecimalString(rows.filter((r) => kinds.includes(r.type)).reduce((s, r) => s.plus(r.balance), dec('0')));
    this.#seqNum += 1;
    return {
      action: 'push',
      ch: ACCOUNTS_CHANNEL,
      data: {
        currency,
        accountId: account.id,
        // The whole balance of the currency in the account, and the part free to use.
        balance: accountType === 'trade' ? sum(['trade', 'frozen', 'lock']) : sum([accountType]),
        available: accountType === 'trade' ? sum(['trade']) : sum([accountType]),
        changeType,
        accountType,
        seqNum: String(this.#seqNum),
        changeTime: changeType === null ? null : this.#options.now(),
      },
    };
  }

  #message(session: WebSocketSession<StreamState>, text: string): { what: string; status: number } {
    let message: { action?: unknown; ch?: unknown; params?: unknown; data?: unknown };
    try {
      message = JSON.parse(text) as typeof message;
    } catch {
      session.send({ action: 'req', code: 400, message: 'bad request' });
      return { what: 'unreadable', status: 400 };
    }
    const action = typeof message.action === 'string' ? message.action : '';
    const ch = typeof message.ch === 'string' ? message.ch : '';
    if (action === 'pong') {
      const ts = Number((message.data as { ts?: unknown } | undefined)?.ts);
      session.state.pongs.push(ts);
      const answered = this.#pongWaiters.filter((w) => w.session === session && w.ts === ts);
      this.#pongWaiters = this.#pongWaiters.filter((w) => !answered.includes(w));
      for (const waiter of answered) waiter.resolve();
      return { what: 'pong', status: 200 };
    }
    if (action === 'req' && ch === 'auth') return this.#auth(session, message.params);
    if (action === 'sub') {
      if (ch !== ACCOUNTS_CHANNEL) {
        session.send({ action: 'sub', code: 2001, ch, message: 'invalid.topic' });
        return { what: `sub ${ch}`, status: 400 };
      }
      const account = session.state.apiKey === undefined ? undefined : this.#options.account(session.state.apiKey);
      if (account === undefined) {
        session.send({ action: 'sub', code: 2002, ch, message: 'invalid.auth.state' });
        return { what: `sub ${ch}`, status: 401 };
      }
      session.state.accounts = true;
      session.send({ action: 'sub', code: 200, ch, data: {} });
      // HTX first sends every account's current balances, then the changes.
      for (const wallet of account.accounts) {
        for (const currency of new Set(wallet.list.map((r) => r.currency))) {
          session.send(this.#push(wallet, currency, null));
          for (const kind of ['loan', 'interest'] as const) {
            if (wallet.list.some((r) => r.currency === currency && r.type === kind)) session.send(this.#push(wallet, currency, null, kind));
          }
        }
      }
      return { what: `sub ${ch}`, status: 200 };
    }
    session.send({ action, code: 400, ch, message: 'bad request' });
    return { what: action || 'unknown', status: 400 };
  }

  #auth(session: WebSocketSession<StreamState>, rawParams: unknown): { what: string; status: number } {
    const refuse = () => {
      session.send({ action: 'req', code: 2002, ch: 'auth', message: 'auth.fail' });
      return { what: 'auth', status: 401 };
    };
    const params = (typeof rawParams === 'object' && rawParams !== null ? rawParams : {}) as Record<string, unknown>;
    const text = (key: string) => (typeof params[key] === 'string' ? (params[key] as string) : undefined);
    const [accessKey, timestamp, signature] = [text('accessKey'), text('timestamp'), text('signature')];
    if (
      text('authType') !== 'api' ||
      accessKey === undefined ||
      timestamp === undefined ||
      signature === undefined ||
      text('signatureMethod') !== 'HmacSHA256' ||
      text('signatureVersion') !== '2.1'
    ) {
      return refuse();
    }
    const account = this.#options.account(accessKey);
    if (account === undefined) return refuse();
    const at = Date.parse(`${timestamp}Z`);
    if (!/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/.test(timestamp) || !Number.isFinite(at) || Math.abs(this.#options.now() - at) > MAX_SKEW_MS) return refuse();
    const pairs = Object.entries({ accessKey, signatureMethod: 'HmacSHA256', signatureVersion: '2.1', timestamp }).map(
      ([k, v]) => `${htxEncode(k)}=${htxEncode(v)}`,
    );
    const valid = this.#options.hosts.some((host) => isValidHtxSignature(account.secret, signature, htxPayload('GET', host, HTX_WS_V2_PATH, pairs)));
    if (!valid) return refuse();
    session.state.apiKey = accessKey;
    session.send({ action: 'req', code: 200, ch: 'auth', data: {} });
    return { what: 'auth', status: 200 };
  }
}
