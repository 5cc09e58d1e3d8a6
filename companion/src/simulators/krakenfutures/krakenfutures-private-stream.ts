import { createHash, createHmac, randomUUID } from 'node:crypto';
import { LosslessNumber, stringify } from 'lossless-json';
import type { RequestLog } from '../framework/request-log.js';
import { WebSocketEndpoint, type WebSocketSession } from '../framework/websocket-endpoint.js';
import type { KrakenFuturesSimAccount } from './krakenfutures-sim-account.js';

/**
 * Kraken Futures' WebSocket API (`wss://futures.kraken.com/ws/v1`), the part a balance follower
 * uses (https://docs.kraken.com/api/docs/futures-api/websocket/challenge and …/balances):
 *
 * 1. `{ "event": "challenge", "api_key": "…" }` → `{ "event": "challenge", "message": "<uuid>" }`;
 * 2. `{ "event": "subscribe", "feed": "balances", "api_key", "original_challenge", "signed_challenge" }`,
 *    where signed_challenge = Base64(HMAC-SHA512(Base64Decode(secret), SHA256(challenge))) of a
 *    challenge issued to this connection for this key; else `{ "event": "alert", "message":
 *    "Failed to subscribe to authenticated feed" }`;
 * 3. `{ "event": "subscribed", … }`, a `balances_snapshot`, then a `balances` message each time
 *    the account's balances change: `holding` (the cash account), `futures` (single-collateral
 *    accounts: `balance`, `available`, `unit`), `flex_futures` (`currencies[].quantity`,
 *    `available`, `collateral_value`), amounts as bare JSON numbers.
 */
interface StreamState {
  /** Challenges issued on this connection, by API key. */
  challenges: Map<string, string>;
  /** The key whose balances this connection follows, once subscribed. */
  subscribed: string | undefined;
}

const alert = (message: string) => ({ event: 'alert', message });

export function signKrakenFuturesChallenge(secretBase64: string, challenge: string): string {
  return createHmac('sha512', Buffer.from(secretBase64, 'base64')).update(createHash('sha256').update(challenge, 'utf8').digest()).digest('base64');
}

/** A balances message in Kraken's shape, amounts as bare numbers. */
function balancesMessage(feed: 'balances_snapshot' | 'balances', account: KrakenFuturesSimAccount, now: number, seq: number): string {
  const n = (value: string) => new LosslessNumber(value);
  const futures = Object.fromEntries(
    Object.entries(account.marginAccounts).map(([key, m]) => {
      const balance = m.balances[m.currency] ?? '0';
      return [
        key,
        {
          name: key,
          pair: key.split('_')[1]?.toUpperCase() ?? key,
          unit: m.currency.toUpperCase(),
          portfolio_value: n(m.auxiliary.pv ?? balance),
          balance: n(balance),
          maintenance_margin: n(m.marginRequirements.mm ?? '0'),
          initial_margin: n(m.marginRequirements.im ?? '0'),
          available: n(m.auxiliary.af ?? balance),
          unrealized_funding: n('0'),
          pnl: n(m.auxiliary.pnl ?? '0'),
        },
      ];
    }),
  );
  const currencies = Object.fromEntries(
    Object.entries(account.flex.currencies).map(([code, c]) => [
      code,
      { quantity: n(c.quantity), value: n(c.value), collateral_value: n(c.collateral), available: n(c.available), haircut: n('0'), conversion_spread: n('0') },
    ]),
  );
  return (
    stringify({
      feed,
      account: account.accountUid,
      holding: Object.fromEntries(Object.entries(account.cash).map(([code, quantity]) => [code.toUpperCase(), n(quantity)])),
      futures,
      flex_futures: { currencies, balance_value: n(account.flex.summary.balanceValue ?? '0'), portfolio_value: n(account.flex.summary.portfolioValue ?? '0') },
      timestamp: now,
      seq,
    }) ?? ''
  );
}

export class KrakenFuturesPrivateStream {
  readonly endpoint: WebSocketEndpoint<StreamState>;
  readonly #account: (apiKey: string) => KrakenFuturesSimAccount | undefined;
  readonly #now: () => number;
  #seq = 0;

  constructor(options: { account: (apiKey: string) => KrakenFuturesSimAccount | undefined; now: () => number; requests: RequestLog }) {
    this.#account = options.account;
    this.#now = options.now;
    this.endpoint = new WebSocketEndpoint<StreamState>({
      paths: ['/ws/v1'],
      requests: options.requests,
      now: options.now,
      open: () => ({ state: { challenges: new Map(), subscribed: undefined } }),
      message: (session, text) => this.#message(session, text),
    });
  }

  /** Pushes the account's balances to every connection following this key; returns how many received them. */
  publish(apiKey: string): number {
    const account = this.#account(apiKey);
    if (account === undefined) return 0;
    this.#seq += 1;
    return this.endpoint.push((s) => s.state.subscribed === apiKey, balancesMessage('balances', account, this.#now(), this.#seq));
  }

  /** Connections of this key subscribed to balances. */
  subscribers(apiKey: string): number {
    return this.endpoint.sessions.filter((s) => s.state.subscribed === apiKey).length;
  }

  #message(session: WebSocketSession<StreamState>, text: string): { what: string; status: number } {
    let message: Record<string, unknown>;
    try {
      message = JSON.parse(text) as Record<string, unknown>;
    } catch {
      session.send({ event: 'error', message: 'Json Error' });
      return { what: 'malformed', status: 400 };
    }
    const apiKey = typeof message.api_key === 'string' ? message.api_key : '';
    if (message.event === 'challenge') {
      if (this.#account(apiKey) === undefined) {
        session.send(alert('Failed to generate challenge'));
        return { what: 'challenge', status: 401 };
      }
      const challenge = randomUUID();
      session.state.challenges.set(apiKey, challenge);
      session.send({ event: 'challenge', message: challenge });
      return { what: 'challenge', status: 200 };
    }
    if (message.event === 'subscribe' && message.feed === 'balances') {
      const account = this.#account(apiKey);
      const challenge = session.state.challenges.get(apiKey);
      const valid =
        account !== undefined &&
        challenge !== undefined &&
        message.original_challenge === challenge &&
        message.signed_challenge === signKrakenFuturesChallenge(account.secret, challenge);
      if (!valid) {
        session.send(alert('Failed to subscribe to authenticated feed'));
        return { what: 'subscribe balances', status: 401 };
      }
      session.state.subscribed = apiKey;
      session.send({ event: 'subscribed', feed: 'balances', api_key: apiKey, original_challenge: challenge, signed_challenge: message.signed_challenge });
      this.#seq += 1;
      session.send(balancesMessage('balances_snapshot', account, this.#now(), this.#seq));
      return { what: 'subscribe balances', status: 200 };
    }
    if (message.event === 'ping') return { what: 'ping', status: 200 };
    session.send(alert('Unsupported request'));
    return { what: `unsupported ${String(message.event)}`, status: 400 };
  }
}
