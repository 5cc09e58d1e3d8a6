import { createHmac, timingSafeEqual } from 'node:crypto';
import { Decimal, dec } from '@omnifolio/shared/money';
import type { RequestLog } from '../framework/request-log.js';
import { WebSocketEndpoint, type WebSocketSession } from '../framework/websocket-endpoint.js';
import type { BitgetProductType, BitgetSimAccount, BitgetWireFuturesAccount, BitgetWirePosition, BitgetWireSpotAsset } from './bitget-sim-account.js';

/**
 * Bitget's v2 private stream (`wss://ws.bitget.com/v2/ws/private`) as ccxt pro (4.5) speaks it:
 *
 *   → { "op": "login", "args": [{ "apiKey", "passphrase", "timestamp": "<seconds>",
 *        "sign": Base64(HMAC-SHA256(secret, timestamp + "GET" + "/user/verify")) }] }
 *   ← { "event": "login", "code": 0 }
 *   → { "op": "subscribe", "args": [{ "instType": "SPOT", "channel": "account", "coin": "default" }] }
 *   ← { "event": "subscribe", "arg": { … } }, then the channel's snapshot at once
 *   → "ping"   ← "pong"
 *
 * Channels: `account` for SPOT (`coin: default`) and for each futures product type, `positions`
 * for each futures product type (`instId: default`). Every push is `{ "action": "snapshot", "arg",
 * "data": [ … ], "ts" }`; a positions push lists every open position of the product type, so a
 * closed one is simply no longer listed.
 *
 * Checked as Bitget checks a login: the key (30011), the passphrase (30012), the timestamp within
 * 30 s of the server's clock (30014 "Request timestamp expired"), the signature re-derived from
 * the secret (30015 "Invalid sign"); errors are `{ "event": "error", "code", "msg" }`. Subscribing
 * before login is 30004, an unknown channel 30001.
 */

export const BITGET_PRIVATE_STREAM_PATH = '/v2/ws/private';
const LOGIN_WINDOW_S = 30;
const FUTURES: readonly BitgetProductType[] = ['USDT-FUTURES', 'COIN-FUTURES', 'USDC-FUTURES'];

/** The login signature: Base64 HMAC-SHA256, keyed with the secret, of seconds + `GET` + `/user/verify`. */
export function signBitgetStreamLogin(secret: string, timestampSeconds: string): string {
  return createHmac('sha256', secret).update(`${timestampSeconds}GET/user/verify`, 'utf8').digest('base64');
}

interface StreamState {
  apiKey: string | undefined;
  /** `<instType> <channel>` */
  channels: Set<string>;
}

interface BitgetStreamRequest {
  op?: unknown;
  args?: unknown;
}

type Arg = Record<string, unknown> & { instType?: unknown; channel?: unknown };

/** A spot coin changes: what Bitget's spot assets list for it. */
export type BitgetSpotCoinChange = Pick<BitgetWireSpotAsset, 'coin' | 'available' | 'frozen'> & { locked?: string };

/** A futures account changes: equity and margins; `available` follows from them. */
export interface BitgetFuturesAccountChange {
  marginCoin: string;
  accountEquity: string;
  unrealizedPL: string;
  /** Margin of open orders. */
  locked: string;
  crossedMargin: string;
  isolatedMargin: string;
}

export interface BitgetPrivateStreamOptions {
  account: (apiKey: string) => BitgetSimAccount | undefined;
  now: () => number;
  requests: RequestLog;
}

export class BitgetPrivateStream {
  readonly endpoint: WebSocketEndpoint<StreamState>;
  readonly #options: BitgetPrivateStreamOptions;

  constructor(options: BitgetPrivateStreamOptions) {
    this.#options = options;
    this.endpoint = new WebSocketEndpoint<StreamState>({
      paths: [BITGET_PRIVATE_STREAM_PATH],
      requests: options.requests,
      now: options.now,
      open: () => ({ state: { apiKey: undefined, channels: new Set() } }),
      message: (session, text) => this.#onMessage(session, text),
    });
  }

  /** Connections of this key subscribed to `<instType> <channel>` right now. */
  subscribers(apiKey: string, instType: string, channel: string): number {
    return this.endpoint.sessions.filter((s) => s.state.apiKey === apiKey && s.state.channels.has(`${instType} ${channel}`)).length;
  }

  /** A spot coin changes in what REST serves, and the `account` channel pushes it. */
  setSpotCoin(account: BitgetSimAccount, change: BitgetSpotCoinChange): void {
    const uTime = String(this.#options.now());
    let row = account.spot.find((r) => r.coin === change.coin);
    if (row === undefined) {
      row = { coin: change.coin, available: '0', frozen: '0', locked: '0', limitAvailable: '0', uTime };
      account.spot.push(row);
    }
    Object.assign(row, change, { uTime });
    this.#push(account.apiKey, 'SPOT', 'account', [{ ...row }]);
  }

  /**
   * A futures account changes. One truth for REST and the stream: `available` is the equity less
   * the margin of orders and positions, which is what the stream reports as available.
   */
  setFuturesAccount(account: BitgetSimAccount, productType: BitgetProductType, change: BitgetFuturesAccountChange): void {
    const margin = dec(change.locked).plus(change.crossedMargin).plus(change.isolatedMargin);
    const available = Decimal.max(dec('0'), dec(change.accountEquity).minus(margin)).toFixed();
    const rows = account.futures[productType];
    let row = rows.find((r) => r.marginCoin === change.marginCoin);
    if (row === undefined) {
      row = {
        ...change,
        available,
        maxTransferOut: available,
        crossedMaxAvailable: available,
        isolatedMaxAvailable: available,
        usdtEquity: '',
        crossedRiskRate: '0',
      };
      rows.push(row);
    }
    Object.assign(row, change, { available });
    this.#push(account.apiKey, productType, 'account', [futuresAccountPush(row)]);
  }

  /** A position opens, changes or (`total` "0") closes in what REST serves; `positions` pushes every open one. */
  movePosition(account: BitgetSimAccount, productType: BitgetProductType, change: BitgetWirePosition): void {
    const rows = account.positions[productType];
    const index = rows.findIndex((r) => r.symbol === change.symbol && r.holdSide === change.holdSide);
    if (dec(change.total).isZero()) {
      if (index >= 0) rows.splice(index, 1);
    } else if (index >= 0) rows[index] = { ...change };
    else rows.push({ ...change });
    this.#push(account.apiKey, productType, 'positions', rows.map(positionPush));
  }

  #push(apiKey: string, instType: string, channel: string, data: unknown[]): number {
    const arg = channel === 'account' ? { instType, channel, coin: 'default' } : { instType, channel, instId: 'default' };
    return this.endpoint.push((s) => s.state.apiKey === apiKey && s.state.channels.has(`${instType} ${channel}`), {
      action: 'snapshot',
      arg,
      data,
      ts: this.#options.now(),
    });
  }

  #onMessage(session: WebSocketSession<StreamState>, text: string): { what: string; status: number } {
    if (text === 'ping') {
      session.send('pong');
      return { what: 'ping', status: 200 };
    }
    const error = (code: number, msg: string, what: string, status: number) => {
      session.send({ event: 'error', code, msg });
      return { what, status };
    };
    let request: BitgetStreamRequest;
    try {
      request = JSON.parse(text) as BitgetStreamRequest;
    } catch {
      return error(30002, 'Illegal request', 'unreadable', 400);
    }
    const args = Array.isArray(request.args) ? (request.args as unknown[]).filter((a): a is Arg => a !== null && typeof a === 'object') : [];
    switch (request.op) {
      case 'login':
        return this.#login(session, args[0] ?? {});
      case 'subscribe': {
        const what = `subscribe ${args.map((a) => `${String(a.instType)}:${String(a.channel)}`).join(',')}`;
        if (session.state.apiKey === undefined) return error(30004, 'User needs to log in', what, 401);
        const unknown = args.find((a) => !this.#known(a));
        if (unknown !== undefined)
          return error(30001, `instType:${String(unknown.instType)},channel:${String(unknown.channel)},instId:default doesn't exist`, what, 400);
        for (const arg of args) {
          const instType = String(arg.instType);
          const channel = String(arg.channel);
          session.state.channels.add(`${instType} ${channel}`);
          session.send({ event: 'subscribe', arg });
          this.#snapshot(session, instType, channel);
        }
        return { what, status: 200 };
      }
      case 'unsubscribe': {
        for (const arg of args) {
          session.state.channels.delete(`${String(arg.instType)} ${String(arg.channel)}`);
          session.send({ event: 'unsubscribe', arg });
        }
        return { what: 'unsubscribe', status: 200 };
      }
      default:
        return error(30003, 'Invalid op', String(request.op), 400);
    }
  }

  #known(arg: Arg): boolean {
    if (arg.instType === 'SPOT') return arg.channel === 'account';
    return FUTURES.includes(arg.instType as BitgetProductType) && (arg.channel === 'account' || arg.channel === 'positions');
  }

  /** Bitget sends the channel's current state right after the subscription is confirmed. */
  #snapshot(session: WebSocketSession<StreamState>, instType: string, channel: string): void {
    const account = this.#options.account(session.state.apiKey ?? '');
    if (account === undefined) return;
    const arg = channel === 'account' ? { instType, channel, coin: 'default' } : { instType, channel, instId: 'default' };
    const data =
      instType === 'SPOT'
        ? account.spot.map((r) => ({ ...r }))
        : channel === 'account'
          ? account.futures[instType as BitgetProductType].map(futuresAccountPush)
          : account.positions[instType as BitgetProductType].map(positionPush);
    session.send({ action: 'snapshot', arg, data, ts: this.#options.now() });
  }

  #login(session: WebSocketSession<StreamState>, arg: Record<string, unknown>): { what: string; status: number } {
    const refuse = (code: number, msg: string) => {
      session.send({ event: 'error', code, msg });
      return { what: 'login', status: 401 };
    };
    const { apiKey, passphrase, timestamp, sign } = arg;
    if (typeof apiKey !== 'string' || typeof passphrase !== 'string' || typeof timestamp !== 'string' || typeof sign !== 'string')
      return refuse(30016, 'Param error');
    const account = this.#options.account(apiKey);
    if (account === undefined) return refuse(30011, 'Invalid ACCESS_KEY');
    if (passphrase !== account.passphrase) return refuse(30012, 'Invalid ACCESS_PASSPHRASE');
    if (!/^\d{10}$/.test(timestamp)) return refuse(30013, 'Invalid ACCESS_TIMESTAMP');
    if (Math.abs(Number(timestamp) - this.#options.now() / 1_000) > LOGIN_WINDOW_S) return refuse(30014, 'Request timestamp expired');
    const expected = Buffer.from(signBitgetStreamLogin(account.secret, timestamp), 'base64');
    const given = Buffer.from(sign, 'base64');
    if (given.length !== expected.length || !timingSafeEqual(expected, given)) return refuse(30015, 'Invalid sign');
    session.state.apiKey = apiKey;
    session.send({ event: 'login', code: 0 });
    return { what: 'login', status: 200 };
  }
}

/** The futures `account` push: REST's row in the stream's names (`equity`, `frozen`). */
function futuresAccountPush(row: BitgetWireFuturesAccount): Record<string, string> {
  return {
    marginCoin: row.marginCoin,
    frozen: row.locked,
    available: row.available,
    maxOpenPosAvailable: row.crossedMaxAvailable ?? row.available,
    maxTransferOut: row.maxTransferOut ?? row.available,
    equity: row.accountEquity,
    usdtEquity: row.usdtEquity ?? '',
    crossedRiskRate: row.crossedRiskRate ?? '0',
    unrealizedPL: row.unrealizedPL,
  };
}

/**
 * The `positions` push: REST's row in the stream's names (`instId`, `frozen`, `marginRate`),
 * `leverage` a JSON number as Bitget sends it, and no mark price (the stream carries none).
 */
function positionPush(row: BitgetWirePosition): Record<string, unknown> {
  return {
    posId: row.posId ?? `${row.symbol}-${row.holdSide}`,
    instId: row.symbol,
    marginCoin: row.marginCoin,
    marginSize: row.marginSize,
    marginMode: row.marginMode,
    holdSide: row.holdSide,
    posMode: row.posMode,
    total: row.total,
    available: row.available,
    frozen: row.locked,
    openPriceAvg: row.openPriceAvg,
    leverage: Number(row.leverage),
    achievedProfits: row.achievedProfits,
    unrealizedPL: row.unrealizedPL,
    liquidationPrice: row.liquidationPrice,
    keepMarginRate: row.keepMarginRate,
    marginRate: row.marginRatio,
    cTime: row.cTime,
    uTime: row.uTime ?? row.cTime,
    autoMargin: 'off',
  };
}
