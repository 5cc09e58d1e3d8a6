import { randomBytes } from 'node:crypto';
import { dec, toDecimalString } from '@omnifolio/shared/money';
import { LosslessNumber, stringify } from 'lossless-json';
import type { RequestLog } from '../framework/request-log.js';
import { WebSocketEndpoint, type WebSocketSession } from '../framework/websocket-endpoint.js';
import type { KrakenSimAccount, KrakenWireLedgerEntry } from './kraken-sim-account.js';

/**
 * Kraken's authenticated WebSocket v2 (`wss://ws-auth.kraken.com/v2`) as ccxt pro (4.5) uses it
 * for balances:
 *
 * 1. `POST /0/private/GetWebSocketsToken` (a signed REST call, see the simulator) hands out a
 *    token, `{ "token": "…", "expires": 900 }`: it must be used within 15 minutes, and stays
 *    valid while a connection that used it is open;
 * 2. on the socket, `{ "method": "subscribe", "params": { "channel": "balances", "token": "…" },
 *    "req_id": 1 }` is acknowledged `{ "method": "subscribe", "result": { "channel": "balances",
 *    "snapshot": true }, "success": true, "time_in", "time_out", "req_id" }` and followed by a
 *    `snapshot` of every asset's wallets; a token Kraken does not know (or one left unused too
 *    long) gets `{ "error": "ESession:Invalid session", "success": false, … }`, a key without
 *    Query Funds `EGeneral:Permission denied`;
 * 3. each ledger transaction afterwards arrives as an `update` carrying the ledger entry and the
 *    asset's new balance in that wallet;
 * 4. `{ "method": "ping", "req_id" }` is answered `{ "method": "pong", "req_id", "time_in", "time_out" }`.
 *
 * Kraken writes v2 amounts as JSON numbers (`"balance": 0.02`); they are written here with the
 * account's own digits. v2 names assets as people know them (`BTC`, `USD`), not with REST's
 * legacy prefixes (`XXBT`, `ZUSD`).
 */

export const KRAKEN_WS_V2_PATH = '/v2';
/** "The token should be used within 15 minutes of creation." */
const TOKEN_LIFETIME_MS = 900_000;

/** REST's legacy codes as WebSocket v2 writes them. */
const V2_NAMES: Record<string, string> = {
  XXBT: 'BTC',
  XBT: 'BTC',
  XETH: 'ETH',
  XXDG: 'DOGE',
  ZUSD: 'USD',
  ZEUR: 'EUR',
  ZGBP: 'GBP',
  XLTC: 'LTC',
  XXRP: 'XRP',
};
export const krakenV2Name = (code: string): string => V2_NAMES[code] ?? code;

interface Token {
  apiKey: string;
  issuedAt: number;
  /** Once a subscription used it, it lives as long as the connection. */
  used: boolean;
}

interface StreamState {
  /** The key whose balances this connection subscribed to. */
  balancesOf: string | undefined;
  sequence: number;
}

export interface KrakenPrivateStreamOptions {
  account: (apiKey: string) => KrakenSimAccount | undefined;
  now: () => number;
  requests: RequestLog;
}

const isoMicros = (ms: number) => new Date(ms).toISOString().replace('Z', '000Z');
const num = (digits: string) => new LosslessNumber(digits);

export class KrakenPrivateStream {
  readonly endpoint: WebSocketEndpoint<StreamState>;
  readonly #options: KrakenPrivateStreamOptions;
  readonly #tokens = new Map<string, Token>();

  constructor(options: KrakenPrivateStreamOptions) {
    this.#options = options;
    this.endpoint = new WebSocketEndpoint<StreamState>({
      paths: [KRAKEN_WS_V2_PATH],
      requests: options.requests,
      now: options.now,
      open: () => ({ state: { balancesOf: undefined, sequence: 0 } }),
      message: (session, text) => this.#message(session, text),
    });
  }

  /** `GetWebSocketsToken`'s result for a key whose request was signed correctly. */
  issueToken(apiKey: string): { token: string; expires: number } {
    const token = randomBytes(32).toString('base64');
    this.#tokens.set(token, { apiKey, issuedAt: this.#options.now(), used: false });
    return { token, expires: TOKEN_LIFETIME_MS / 1000 };
  }

  /** Connections subscribed to this key's balances. */
  subscribers(apiKey: string): number {
    return this.endpoint.sessions.filter((s) => s.state.balancesOf === apiKey).length;
  }

  /** Sends one ledger transaction, as a `balances` update, to every connection subscribed for the key. */
  publish(apiKey: string, ledgerId: string, entry: KrakenWireLedgerEntry, wallet: { type: 'spot' | 'earn'; id: string }): number {
    let sent = 0;
    for (const session of this.endpoint.sessions) {
      if (session.state.balancesOf !== apiKey) continue;
      session.state.sequence += 1;
      session.send(
        stringify({
          channel: 'balances',
          type: 'update',
          data: [
            {
              ledger_id: ledgerId,
              ref_id: entry.refid,
              timestamp: isoMicros(Math.round(entry.time * 1000)),
              type: entry.type,
              subtype: entry.subtype,
              asset: krakenV2Name(entry.asset.replace(/\.[A-Z]$/, '')),
              asset_class: entry.aclass,
              category: entry.type,
              wallet_type: wallet.type,
              wallet_id: wallet.id,
              amount: num(entry.amount),
              fee: num(entry.fee),
              balance: num(entry.balance),
            },
          ],
          sequence: session.state.sequence,
        }) as string,
      );
      sent += 1;
    }
    return sent;
  }

  /** Kraken forgets every token it issued, as its servers have after upgrades; a client must ask for a new one. */
  forgetTokens(): void {
    this.#tokens.clear();
  }

  close(): void {
    this.endpoint.close();
  }

  #message(session: WebSocketSession<StreamState>, text: string): { what: string; status: number } {
    const timeIn = isoMicros(this.#options.now());
    let request: { method?: unknown; params?: unknown; req_id?: unknown };
    try {
      request = JSON.parse(text) as typeof request;
    } catch {
      session.send({ error: 'EGeneral:Invalid arguments', success: false, time_in: timeIn, time_out: timeIn });
      return { what: 'unreadable', status: 400 };
    }
    const method = typeof request.method === 'string' ? request.method : '';
    const reqId = typeof request.req_id === 'number' ? { req_id: request.req_id } : {};
    const params = (typeof request.params === 'object' && request.params !== null ? request.params : {}) as Record<string, unknown>;
    const fail = (error: string, status: number) => {
      session.send({ error, method, success: false, time_in: timeIn, time_out: isoMicros(this.#options.now()), ...reqId });
      return { what: `${method} ${String(params.channel ?? '')}`.trim(), status };
    };
    if (method === 'ping') {
      session.send({ method: 'pong', ...reqId, time_in: timeIn, time_out: isoMicros(this.#options.now()) });
      return { what: 'ping', status: 200 };
    }
    if (method === 'unsubscribe' && params.channel === 'balances') {
      session.state.balancesOf = undefined;
      session.send({ method, result: { channel: 'balances' }, success: true, time_in: timeIn, time_out: timeIn, ...reqId });
      return { what: 'unsubscribe balances', status: 200 };
    }
    if (method !== 'subscribe') return fail('Method not supported', 400);
    if (params.channel !== 'balances') return fail('Channel not supported', 400);
    if (typeof params.token !== 'string' || params.token === '') return fail('EGeneral:Invalid arguments', 400);

    const token = this.#tokens.get(params.token);
    if (token === undefined || (!token.used && this.#options.now() - token.issuedAt > TOKEN_LIFETIME_MS)) return fail('ESession:Invalid session', 401);
    const account = this.#options.account(token.apiKey);
    if (account === undefined) return fail('ESession:Invalid session', 401);
    if (!account.permissions.includes('query-funds')) return fail('EGeneral:Permission denied', 403);

    token.used = true;
    session.state.balancesOf = token.apiKey;
    const snapshot = params.snapshot !== false;
    session.send({ method, result: { channel: 'balances', snapshot }, success: true, time_in: timeIn, time_out: isoMicros(this.#options.now()), ...reqId });
    if (snapshot) {
      session.state.sequence = 1;
      session.send(stringify({ channel: 'balances', type: 'snapshot', data: snapshotOf(account), sequence: 1 }) as string);
    }
    return { what: 'subscribe balances', status: 200 };
  }
}

/** Every asset with its spot wallet (BalanceEx, unsuffixed codes) and its Earn wallets (allocations). */
function snapshotOf(account: KrakenSimAccount): unknown[] {
  const assets = new Map<string, { type: string; id: string; balance: string }[]>();
  const add = (asset: string, wallet: { type: string; id: string; balance: string }) => assets.set(asset, [...(assets.get(asset) ?? []), wallet]);
  for (const [code, row] of Object.entries(account.balances)) {
    if (/\.[A-Z]$/.test(code)) continue;
    add(krakenV2Name(code), { type: 'spot', id: 'main', balance: row.balance });
  }
  for (const item of account.allocations) {
    const amounts = item.amount_allocated as { total?: { native?: string }; bonding?: unknown; unbonding?: unknown } | undefined;
    const total = amounts?.total?.native;
    if (typeof item.native_asset !== 'string' || total === undefined || dec(total).isZero()) continue;
    add(krakenV2Name(item.native_asset), {
      type: 'earn',
      id: amounts?.bonding === undefined && amounts?.unbonding === undefined ? 'flex' : 'bonded',
      balance: total,
    });
  }
  return [...assets.entries()].map(([asset, wallets]) => ({
    asset,
    asset_class: 'currency',
    balance: num(toDecimalString(wallets.reduce((sum, w) => sum.plus(w.balance), dec('0')))),
    wallets: wallets.map((w) => ({ type: w.type, id: w.id, balance: num(w.balance) })),
  }));
}
