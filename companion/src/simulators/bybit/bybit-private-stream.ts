import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import { dec } from '@omnifolio/shared/money';
import type { RequestLog } from '../framework/request-log.js';
import { WebSocketEndpoint, type WebSocketSession } from '../framework/websocket-endpoint.js';
import type { BybitSimAccount, BybitWirePosition, BybitWireUnifiedCoin } from './bybit-sim-account.js';

/**
 * Bybit's v5 private stream (`wss://stream.bybit.com/v5/private`) as ccxt pro (4.5) speaks it
 * for a unified trading account:
 *
 *   → { "op": "auth", "args": ["<key>", "<expires ms>", "<hex HMAC-SHA256(secret, 'GET/realtime' + expires)>"] }
 *   ← { "success": true, "ret_msg": "", "op": "auth", "conn_id": "…" }
 *   → { "op": "subscribe", "req_id": 2, "args": ["wallet"] }
 *   ← { "success": true, "ret_msg": "", "op": "subscribe", "req_id": 2, "conn_id": "…" }
 *   → { "op": "ping", "req_id": 3 }
 *   ← { "req_id": 3, "op": "pong", "args": ["<server ms>"], "conn_id": "…" }
 *
 * and then `{ "id", "topic": "wallet" | "position", "creationTime", "data": [ … ] }` pushes. As
 * on Bybit there is no snapshot when a subscription starts: only a change pushes.
 *
 * Checked as Bybit checks them: the key must exist, `expires` must still lie ahead of the server's
 * clock ("error:request expired"), and the signature is re-derived from the secret. A refusal is
 * `{ "success": false, "ret_msg": "error:…", "op": "auth", "request": { op, args }, … }` (ccxt
 * recognises an auth refusal by `request.op`); a private topic before auth is refused with
 * "Request not authorized", an unknown one with "error:handler not found,topic:…". Frames are
 * not compressed.
 */

export const BYBIT_PRIVATE_STREAM_PATH = '/v5/private';

/** The stream's auth signature: hex HMAC-SHA256, keyed with the secret, of `GET/realtime` + expires. */
export function signBybitStreamAuth(secret: string, expires: string): string {
  return createHmac('sha256', secret).update(`GET/realtime${expires}`, 'utf8').digest('hex');
}

function isValidBybitStreamSignature(secret: string, signature: string, expires: string): boolean {
  if (!/^[0-9a-f]{64}$/i.test(signature)) return false;
  const expected = Buffer.from(signBybitStreamAuth(secret, expires), 'hex');
  return timingSafeEqual(expected, Buffer.from(signature, 'hex'));
}
const PRIVATE_TOPICS = new Set(['wallet', 'position', 'order', 'execution', 'greeks']);

/** A coin of the unified account changes: the fields Bybit recomputes for it (equity follows). */
export type BybitUnifiedCoinChange = { coin: string } & Partial<
  Pick<BybitWireUnifiedCoin, 'walletBalance' | 'locked' | 'unrealisedPnl' | 'borrowAmount'> & { totalOrderIM: string; totalPositionIM: string }
>;

/** A position as `GET /v5/position/list` lists it (with the simulator's `category`/`settleCoin`); size "0" closes it. */
export type BybitPositionChange = BybitWirePosition;

interface StreamState {
  connId: string;
  apiKey: string | undefined;
  topics: Set<string>;
}

interface BybitStreamRequest {
  op?: unknown;
  req_id?: unknown;
  args?: unknown;
}

export interface BybitPrivateStreamOptions {
  account: (apiKey: string) => BybitSimAccount | undefined;
  now: () => number;
  requests: RequestLog;
}

export class BybitPrivateStream {
  readonly endpoint: WebSocketEndpoint<StreamState>;
  readonly #options: BybitPrivateStreamOptions;

  constructor(options: BybitPrivateStreamOptions) {
    this.#options = options;
    this.endpoint = new WebSocketEndpoint<StreamState>({
      paths: [BYBIT_PRIVATE_STREAM_PATH],
      requests: options.requests,
      now: options.now,
      open: () => ({ state: { connId: randomUUID(), apiKey: undefined, topics: new Set() } }),
      message: (session, text) => this.#onMessage(session, text),
    });
  }

  /** Sends one topic message to every connection of this key subscribed to the topic. Returns how many got it. */
  push(apiKey: string, topic: 'wallet' | 'position', data: unknown[]): number {
    return this.endpoint.push((s) => s.state.apiKey === apiKey && s.state.topics.has(topic), {
      id: `${randomUUID().replaceAll('-', '')}:${topic}`,
      topic,
      creationTime: this.#options.now(),
      data,
    });
  }

  /**
   * One truth for REST and the stream: the coin changes in the account REST serves, then the
   * `wallet` event carries the whole unified account (every coin, as Bybit pushes it).
   */
  setUnifiedCoin(account: BybitSimAccount, change: BybitUnifiedCoinChange): void {
    let row = account.unified.find((c) => c.coin === change.coin);
    if (row === undefined) {
      row = { ...emptyUnifiedCoin(change.coin) };
      account.unified.push(row);
    }
    Object.assign(row, change);
    row.equity = dec(row.walletBalance)
      .plus(dec(row.unrealisedPnl === '' ? '0' : row.unrealisedPnl))
      .toFixed();
    this.push(account.apiKey, 'wallet', [
      {
        accountType: 'UNIFIED',
        accountIMRate: '0',
        accountMMRate: '0',
        totalEquity: '',
        totalWalletBalance: '',
        totalMarginBalance: '',
        totalAvailableBalance: '',
        totalPerpUPL: '',
        totalInitialMargin: '',
        totalMaintenanceMargin: '',
        accountLTV: '0',
        coin: account.unified.map((c) => ({ ...c })),
      },
    ]);
  }

  /**
   * A position opens, changes or closes (size "0") in the list REST serves, and the `position`
   * event says so in the stream's shape: REST's `avgPrice` is the stream's `entryPrice`, and a
   * closed position comes with an empty side, as Bybit sends it.
   */
  movePosition(account: BybitSimAccount, change: BybitPositionChange): void {
    const index = account.positions.findIndex((p) => p.category === change.category && p.symbol === change.symbol && p.positionIdx === change.positionIdx);
    const closed = dec(change.size).isZero();
    if (closed) {
      if (index >= 0) account.positions.splice(index, 1);
    } else if (index >= 0) account.positions[index] = { ...change };
    else account.positions.push({ ...change });
    const { settleCoin: _settleCoin, avgPrice, ...row } = change;
    const now = this.#options.now();
    this.push(account.apiKey, 'position', [
      {
        ...row,
        entryPrice: avgPrice,
        ...(closed ? { side: '', size: '0', positionValue: '0', unrealisedPnl: '0', positionIM: '0', positionBalance: '0' } : {}),
        updatedTime: String(now),
      },
    ]);
  }

  /** Connections of this key subscribed to `topic` right now. */
  subscribers(apiKey: string, topic: string): number {
    return this.endpoint.sessions.filter((s) => s.state.apiKey === apiKey && s.state.topics.has(topic)).length;
  }

  #onMessage(session: WebSocketSession<StreamState>, text: string): { what: string; status: number } {
    let request: BybitStreamRequest;
    try {
      request = JSON.parse(text) as BybitStreamRequest;
    } catch {
      session.send({ success: false, ret_msg: 'error:invalid op', conn_id: session.state.connId, request: { op: '', args: null } });
      return { what: 'unreadable', status: 400 };
    }
    const op = typeof request.op === 'string' ? request.op : '';
    const reqId = typeof request.req_id === 'string' || typeof request.req_id === 'number' ? request.req_id : undefined;
    const args = Array.isArray(request.args) ? (request.args as unknown[]) : [];
    const reply = (success: boolean, retMsg: string, extra: Record<string, unknown> = {}) =>
      session.send({ success, ret_msg: retMsg, conn_id: session.state.connId, ...(reqId === undefined ? {} : { req_id: reqId }), op, ...extra });
    switch (op) {
      case 'auth':
        return this.#auth(session, args, reply);
      case 'subscribe': {
        const topics = args.filter((a): a is string => typeof a === 'string');
        const unknown = topics.find((t) => !PRIVATE_TOPICS.has(t));
        if (unknown !== undefined) {
          reply(false, `error:handler not found,topic:${unknown}`);
          return { what: `subscribe ${topics.join(',')}`, status: 400 };
        }
        if (session.state.apiKey === undefined) {
          reply(false, 'Request not authorized');
          return { what: `subscribe ${topics.join(',')}`, status: 401 };
        }
        for (const topic of topics) session.state.topics.add(topic);
        reply(true, '');
        return { what: `subscribe ${topics.join(',')}`, status: 200 };
      }
      case 'unsubscribe': {
        const topics = args.filter((a): a is string => typeof a === 'string');
        for (const topic of topics) session.state.topics.delete(topic);
        reply(true, '');
        return { what: `unsubscribe ${topics.join(',')}`, status: 200 };
      }
      case 'ping':
        session.send({
          ...(reqId === undefined ? {} : { req_id: String(reqId) }),
          op: 'pong',
          args: [String(this.#options.now())],
          conn_id: session.state.connId,
        });
        return { what: 'ping', status: 200 };
      default:
        session.send({ success: false, ret_msg: 'error:invalid op', conn_id: session.state.connId, request: { op, args: request.args ?? null } });
        return { what: op === '' ? 'unknown' : op, status: 400 };
    }
  }

  #auth(
    session: WebSocketSession<StreamState>,
    args: unknown[],
    reply: (success: boolean, retMsg: string, extra?: Record<string, unknown>) => void,
  ): { what: string; status: number } {
    const [apiKey, expires, signature] = args.map((a) => (typeof a === 'number' ? String(a) : a));
    const refuse = (retMsg: string, status: number) => {
      reply(false, retMsg, { request: { op: 'auth', args } });
      return { what: 'auth', status };
    };
    if (typeof apiKey !== 'string' || typeof expires !== 'string' || typeof signature !== 'string' || !/^\d+$/.test(expires))
      return refuse('error:params error', 400);
    const account = this.#options.account(apiKey);
    // Bybit's answer for a key it does not know, as ccxt records it.
    if (account === undefined) return refuse('error:USVC1111', 401);
    if (Number(expires) <= this.#options.now()) return refuse('error:request expired', 401);
    if (!isValidBybitStreamSignature(account.secret, signature, expires)) return refuse('error:verify signature fail', 401);
    session.state.apiKey = apiKey;
    reply(true, '');
    return { what: 'auth', status: 200 };
  }
}

function emptyUnifiedCoin(coin: string): BybitWireUnifiedCoin {
  return {
    coin,
    equity: '0',
    usdValue: '',
    walletBalance: '0',
    free: '',
    locked: '0',
    spotHedgingQty: '0',
    borrowAmount: '0',
    availableToWithdraw: '',
    accruedInterest: '0',
    totalOrderIM: '0',
    totalPositionIM: '0',
    totalPositionMM: '0',
    unrealisedPnl: '0',
    cumRealisedPnl: '0',
    bonus: '0',
    marginCollateral: true,
    collateralSwitch: true,
    availableToBorrow: '',
  };
}
