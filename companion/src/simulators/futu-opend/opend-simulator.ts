import type { AddressInfo } from 'node:net';
import { createServer, type Server, type Socket } from 'node:net';
import { dec, toDecimalString } from '@omnifolio/shared/money';
import { LosslessNumber, parse, stringify } from 'lossless-json';
import { decodeFrames, encodeFrame, PROTO } from '../../connectors/futu/opend-frame.js';
import { instantOfLocalTime, wallClockOf } from '../../engine/local-day.js';

/**
 * Futu OpenD on loopback, speaking its TCP protocol with JSON bodies (44-byte little-endian
 * header, SHA-1 of the body checked; a bad packet closes the connection as OpenD does).
 * InitConnect must come first; then Trd_GetAccList (with the logged-in user id),
 * Trd_GetFunds and Trd_GetPositionList per account and market, KeepAlive. Prices and cash
 * are sent as JSON numbers with exactly the account's digits. `loggedIn = false` makes
 * trade requests fail as OpenD does before its user logs in; `failNext` scripts a refusal.
 *
 * History as OpenD serves it: Trd_GetHistoryOrderFillList for real accounts only, with a begin
 * and end time (the market's wall clock) at most 90 days apart; Trd_GetOrderFee for up to 400
 * orders. Each is limited to 10 requests per 30 seconds per account (`rateLimit`); a request
 * over the limit is refused, as OpenD refuses it.
 */

export interface OpendSimPosition {
  code: string;
  name: string;
  qty: string;
  price: string;
  costPrice: string;
  short?: boolean;
}

/** One execution; `at` is its instant, served as the market's wall clock and as a timestamp. */
export interface OpendSimFill {
  fillID: string;
  orderIDEx: string;
  /** Trd_Common.TrdSide: 1 Buy, 2 Sell, 3 SellShort, 4 BuyBack. */
  side: 1 | 2 | 3 | 4;
  code: string;
  name: string;
  qty: string;
  price: string;
  at: string;
  /** Trd_Common.OrderFillStatus: 1 when the exchange cancelled the fill. */
  status?: 0 | 1 | 2;
}

/** An order's fee, in its market's currency, with Futu's items. */
export interface OpendSimOrderFee {
  amount: string;
  items: [title: string, value: string][];
}

export interface OpendSimAccount {
  accID: string;
  trdEnv: 0 | 1;
  /** Trd_Common.TrdMarket ids: 1 HK, 2 US. */
  markets: number[];
  cardNum: string;
  /** Cash per Trd_Common.Currency id (1 HKD, 2 USD): listed in cashInfoList (universal account). */
  cash: Record<number, string>;
  /**
   * False for an older single-market securities account (one for HK, one for US): its funds
   * carry `cash` and `currency` of its market and no cashInfoList. Default: universal.
   */
  universal?: boolean;
  /** Positions per market id. */
  positions: Record<number, OpendSimPosition[]>;
  /** Fills per market id (Trd_GetHistoryOrderFillList). */
  fills?: Record<number, OpendSimFill[]>;
  /** Fees per orderIDEx (Trd_GetOrderFee). */
  orderFees?: Record<string, OpendSimOrderFee>;
  /** False to leave `createTimestamp` out of fills, as older OpenD versions do: only `createTime` then. */
  fillTimestamps?: boolean;
}

/** Where OpenD reads and writes each market's times. */
const MARKET_ZONES: Record<number, string> = { 1: 'Asia/Hong_Kong', 2: 'America/New_York' };
const MAX_HISTORY_DAYS = 90;

const num = (value: string) => new LosslessNumber(value);

export class OpendSimulator {
  readonly accounts: OpendSimAccount[] = [];
  readonly loginUserId = '10086123';
  loggedIn = true;
  /**
   * Sent in InitConnect's answer. As OpenD does, a connection silent for two intervals is closed:
   * a client must send KeepAlive while it waits.
   */
  keepAliveIntervalSeconds = 10;
  /** Protocol ids received, in order, across connections. */
  readonly received: number[] = [];
  #server: Server | undefined;
  #port = 0;
  readonly #sockets = new Set<Socket>();
  readonly #failures: { protoId: number; retMsg: string }[] = [];
  #outage = 0;
  /** OpenD's limit on history and fee requests, per account and protocol; null lifts it. */
  rateLimit: { requests: number; windowMs: number } | null = { requests: 10, windowMs: 30_000 };
  /** The simulator's clock, for the rate limit: a test moves it with the connector's pacer. */
  now: () => number = Date.now;
  readonly #limited = new Map<string, number[]>();

  async start(): Promise<string> {
    const server = createServer((socket) => this.#serve(socket));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    this.#server = server;
    this.#port = (server.address() as AddressInfo).port;
    return this.url;
  }

  get url(): string {
    return `tcp://127.0.0.1:${this.#port}`;
  }

  async stop(): Promise<void> {
    for (const s of this.#sockets) s.destroy();
    await new Promise<void>((resolve) => (this.#server ? this.#server.close(() => resolve()) : resolve()));
  }

  addAccount(account: OpendSimAccount): OpendSimAccount {
    this.accounts.push(account);
    return account;
  }

  /** The next request with this protocol id is refused with retType -1 and this message. */
  failNext(protoId: number, retMsg: string): void {
    this.#failures.push({ protoId, retMsg });
  }

  /**
   * The next `count` trade requests, whatever their protocol, are refused as when OpenD lost its
   * link to Futu's servers; 0 ends the outage. (The contract suite's mid-pass outage.)
   */
  refuseTradeRequests(count: number): void {
    this.#outage = count;
  }

  #serve(socket: Socket): void {
    this.#sockets.add(socket);
    socket.on('close', () => this.#sockets.delete(socket));
    // A client that hangs up with bytes unread resets the connection (ECONNRESET): that ends
    // its session, as OpenD's does, and must not crash the process hosting the simulator.
    socket.on('error', () => socket.destroy());
    let buffer: Buffer = Buffer.alloc(0);
    let initialized = false;
    let silence: NodeJS.Timeout | undefined;
    const heard = () => {
      clearTimeout(silence);
      silence = setTimeout(() => socket.destroy(), 2 * this.keepAliveIntervalSeconds * 1000);
    };
    heard();
    socket.on('close', () => clearTimeout(silence));
    socket.on('data', (chunk: Buffer) => {
      heard();
      buffer = Buffer.concat([buffer, chunk]);
      let frames: ReturnType<typeof decodeFrames>['frames'];
      try {
        ({ frames, rest: buffer } = decodeFrames(buffer));
      } catch {
        socket.destroy();
        return;
      }
      for (const frame of frames) {
        this.received.push(frame.protoId);
        const request = parse(frame.body.toString('utf8'), null, (v: string) => v) as { c2s?: Record<string, unknown> };
        let response: unknown;
        if (frame.protoId !== PROTO.InitConnect && !initialized) response = { retType: -1, retMsg: 'InitConnect is required first', errCode: 0 };
        else {
          if (frame.protoId === PROTO.InitConnect) initialized = true;
          response = this.#answer(frame.protoId, request.c2s ?? {});
        }
        socket.write(encodeFrame(frame.protoId, frame.serialNo, Buffer.from(stringify(response) ?? '{}', 'utf8')));
      }
    });
  }

  #answer(protoId: number, c2s: Record<string, unknown>): unknown {
    if (this.#outage > 0 && protoId >= 2000) {
      this.#outage -= 1;
      return { retType: -1, retMsg: 'Network disconnected from Futu servers, reconnecting', errCode: 0 };
    }
    const failure = this.#failures.findIndex((f) => f.protoId === protoId);
    if (failure >= 0) {
      const [f] = this.#failures.splice(failure, 1);
      return { retType: -1, retMsg: f!.retMsg, errCode: 0 };
    }
    const ok = (s2c: unknown) => ({ retType: 0, retMsg: '', errCode: 0, s2c });
    switch (protoId) {
      case PROTO.InitConnect:
        return ok({
          serverVer: 904,
          loginUserID: num(this.loginUserId),
          connID: num('7038129304851234567'),
          connAESKey: '0123456789ABCDEF',
          keepAliveInterval: this.keepAliveIntervalSeconds,
        });
      case PROTO.KeepAlive:
        return ok({ time: num(String(Math.floor(Date.now() / 1000))) });
      case PROTO.TrdGetAccList: {
        if (!this.loggedIn) return { retType: -1, retMsg: 'Please login to OpenD first (not logged in)', errCode: 0 };
        if (String(c2s.userID) !== this.loginUserId) return { retType: -1, retMsg: 'userID does not match the logged-in user', errCode: 0 };
        return ok({
          accList: this.accounts.map((a) => ({
            trdEnv: a.trdEnv,
            accID: num(a.accID),
            trdMarketAuthList: a.markets,
            accType: 2,
            cardNum: a.cardNum,
            securityFirm: 1,
          })),
        });
      }
      case PROTO.TrdGetFunds:
      case PROTO.TrdGetPositionList: {
        if (!this.loggedIn) return { retType: -1, retMsg: 'Please login to OpenD first (not logged in)', errCode: 0 };
        const header = c2s.header as { trdEnv: string; accID: string; trdMarket: string } | undefined;
        const account = this.accounts.find((a) => header && a.accID === String(header.accID) && a.trdEnv === Number(header.trdEnv));
        const market = Number(header?.trdMarket);
        if (account === undefined || !account.markets.includes(market)) return { retType: -1, retMsg: 'Nonexisting acc', errCode: 0 };
        const echo = { trdEnv: account.trdEnv, accID: num(account.accID), trdMarket: market };
        if (protoId === PROTO.TrdGetFunds) {
          const zero = num('0');
          if (account.universal === false) {
            // Trd_Common.Currency of the market: HK trades in HKD (1), US in USD (2).
            const currency = market === 1 ? 1 : 2;
            return ok({
              header: echo,
              funds: { power: zero, totalAssets: zero, cash: num(account.cash[currency] ?? '0'), marketVal: zero, frozenCash: zero, debtCash: zero, currency },
            });
          }
          return ok({
            header: echo,
            funds: {
              power: zero,
              totalAssets: zero,
              cash: zero,
              marketVal: zero,
              frozenCash: zero,
              debtCash: zero,
              avlWithdrawalCash: zero,
              cashInfoList: Object.entries(account.cash).map(([currency, cash]) => ({
                currency: Number(currency),
                cash: num(cash),
                availableBalance: num(cash),
              })),
            },
          });
        }
        return ok({
          header: echo,
          positionList: (account.positions[market] ?? []).map((p, i) => ({
            positionID: num(String(900_000 + i)),
            positionSide: p.short ? 1 : 0,
            code: p.code,
            name: p.name,
            qty: num(p.qty),
            canSellQty: num(p.qty),
            price: num(p.price),
            costPrice: num(p.costPrice),
            val: num(toDecimalString(dec(p.qty).times(p.price))),
            plVal: num(toDecimalString(dec(p.price).minus(p.costPrice).times(p.qty))),
            secMarket: market,
          })),
        });
      }
      case PROTO.TrdGetHistoryOrderFillList:
      case PROTO.TrdGetOrderFee:
        return this.#history(protoId, c2s, ok);
      default:
        return { retType: -1, retMsg: `Unknown protocol ${protoId}`, errCode: 0 };
    }
  }

  #history(protoId: number, c2s: Record<string, unknown>, ok: (s2c: unknown) => unknown): unknown {
    if (!this.loggedIn) return { retType: -1, retMsg: 'Please login to OpenD first (not logged in)', errCode: 0 };
    const header = c2s.header as { trdEnv: string; accID: string; trdMarket: string } | undefined;
    const account = this.accounts.find((a) => header && a.accID === String(header.accID) && a.trdEnv === Number(header.trdEnv));
    const market = Number(header?.trdMarket);
    if (account === undefined || !account.markets.includes(market)) return { retType: -1, retMsg: 'Nonexisting acc', errCode: 0 };
    if (account.trdEnv !== 1) return { retType: -1, retMsg: 'Paper trading does not support this query; only real accounts have historical deals', errCode: 0 };
    if (this.rateLimit !== null) {
      const key = `${account.accID}:${protoId}`;
      const now = this.now();
      const times = (this.#limited.get(key) ?? []).filter((t) => now - t < this.rateLimit!.windowMs);
      if (times.length >= this.rateLimit.requests) {
        this.#limited.set(key, times);
        return { retType: -1, retMsg: `Too frequent: at most ${this.rateLimit.requests} requests per ${this.rateLimit.windowMs / 1000} seconds`, errCode: 0 };
      }
      times.push(now);
      this.#limited.set(key, times);
    }
    const echo = { trdEnv: account.trdEnv, accID: num(account.accID), trdMarket: market };
    const zone = MARKET_ZONES[market]!;
    if (protoId === PROTO.TrdGetOrderFee) {
      const ids = (c2s.orderIdExList as string[] | undefined) ?? [];
      if (ids.length > 400) return { retType: -1, retMsg: 'orderIdExList has more than 400 orders', errCode: 0 };
      return ok({
        header: echo,
        orderFeeList: ids.flatMap((id) => {
          const fee = account.orderFees?.[id];
          return fee ? [{ orderIDEx: id, feeAmount: num(fee.amount), feeList: fee.items.map(([title, value]) => ({ title, value: num(value) })) }] : [];
        }),
      });
    }
    const filter = c2s.filterConditions as { beginTime?: string; endTime?: string } | undefined;
    const wall = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2})$/;
    const begin = wall.exec(filter?.beginTime ?? '');
    const end = wall.exec(filter?.endTime ?? '');
    if (!begin || !end) return { retType: -1, retMsg: 'beginTime and endTime are required for history, as YYYY-MM-DD HH:MM:SS', errCode: 0 };
    // OpenD measures the span on the wall clock it was given.
    const span = Date.parse(`${end[1]}T${end[2]}Z`) - Date.parse(`${begin[1]}T${begin[2]}Z`);
    if (span < 0 || span > MAX_HISTORY_DAYS * 86_400_000) return { retType: -1, retMsg: `The time range must be at most ${MAX_HISTORY_DAYS} days`, errCode: 0 };
    const from = instantOfLocalTime(begin[1]!, begin[2]!, zone);
    const until = instantOfLocalTime(end[1]!, end[2]!, zone);
    return ok({
      header: echo,
      orderFillList: (account.fills?.[market] ?? [])
        .filter((f) => Date.parse(f.at) >= from && Date.parse(f.at) <= until)
        .map((f) => ({
          trdSide: f.side,
          fillID: num(f.fillID),
          fillIDEx: `${f.fillID}EX`,
          orderIDEx: f.orderIDEx,
          code: f.code,
          name: f.name,
          qty: num(f.qty),
          price: num(f.price),
          createTime: `${wallClockOf(Date.parse(f.at), zone)}.${String(Date.parse(f.at) % 1000).padStart(3, '0')}`,
          ...(account.fillTimestamps === false ? {} : { createTimestamp: num(String(Date.parse(f.at) / 1000)) }),
          secMarket: market,
          status: f.status ?? 0,
        })),
    });
  }
}

const DAY_MS = 86_400_000;

/** The instant `days` before now at a UTC hour, moved back to a weekday: when a market trades. */
function tradingDayAgo(nowMs: number, days: number, utcHour: number): string {
  const at = new Date(Math.floor((nowMs - days * DAY_MS) / DAY_MS) * DAY_MS + utcHour * 3_600_000);
  while (at.getUTCDay() === 0 || at.getUTCDay() === 6) at.setUTCDate(at.getUTCDate() - 1);
  return at.toISOString();
}

/**
 * A universal account holding Tencent in Hong Kong and Apple in the US, cash in HKD and USD,
 * with the fills that built both holdings over two years: Tencent bought twice (the
 * second order filled in two parts) and partly sold, Apple the same, each order with Futu's fees.
 * Fills are placed relative to `nowMs`, on weekdays, in each market's trading hours.
 */
export function opendDemoAccount(nowMs = Date.now()): OpendSimAccount {
  const hk = (days: number) => tradingDayAgo(nowMs, days, 2); // 10:00 in Hong Kong
  const us = (days: number) => tradingDayAgo(nowMs, days, 15); // 10:00 or 11:00 in New York
  return {
    accID: '281756460288713',
    trdEnv: 1,
    markets: [1, 2],
    cardNum: '1001100321076543',
    cash: { 1: '12500.5', 2: '830.27' },
    positions: {
      1: [{ code: '00700', name: 'TENCENT', qty: '200', price: '412.6', costPrice: '355.2' }],
      2: [{ code: 'AAPL', name: 'Apple', qty: '15', price: '230.5', costPrice: '190.12' }],
    },
    fills: {
      1: [
        { fillID: '8120001', orderIDEx: 'FTHK0001', side: 1, code: '00700', name: 'TENCENT', qty: '100', price: '318.4', at: hk(700) },
        { fillID: '8120002', orderIDEx: 'FTHK0002', side: 1, code: '00700', name: 'TENCENT', qty: '120', price: '290', at: hk(420) },
        { fillID: '8120003', orderIDEx: 'FTHK0002', side: 1, code: '00700', name: 'TENCENT', qty: '80', price: '290.2', at: hk(420) },
        { fillID: '8120004', orderIDEx: 'FTHK0003', side: 2, code: '00700', name: 'TENCENT', qty: '100', price: '402.8', at: hk(150) },
      ],
      2: [
        { fillID: '9340001', orderIDEx: 'FTUS0001', side: 1, code: 'AAPL', name: 'Apple', qty: '10', price: '142.1', at: us(650) },
        { fillID: '9340002', orderIDEx: 'FTUS0002', side: 1, code: 'AAPL', name: 'Apple', qty: '10', price: '171.3', at: us(380) },
        { fillID: '9340003', orderIDEx: 'FTUS0003', side: 2, code: 'AAPL', name: 'Apple', qty: '5', price: '224.6', at: us(90) },
      ],
    },
    // Futu's items for each order (commission, platform fee, stamp duty, exchange and regulator
    // fees); checked by hand: the items add up to each amount.
    orderFees: {
      FTHK0001: {
        amount: '59.23',
        items: [
          ['Commission', '9.55'],
          ['Platform fees', '15'],
          ['Stamp duty', '32'],
          ['Trading fee', '1.74'],
          ['SFC levy', '0.94'],
        ],
      },
      FTHK0002: {
        amount: '103.6',
        items: [
          ['Commission', '17.41'],
          ['Platform fees', '15'],
          ['Stamp duty', '59'],
          ['Trading fee', '3.17'],
          ['SFC levy', '1.65'],
          ['AFRC levy', '0.06'],
          ['CCASS fee', '7.31'],
        ],
      },
      FTHK0003: {
        amount: '83.95',
        items: [
          ['Commission', '12.08'],
          ['Platform fees', '15'],
          ['Stamp duty', '41'],
          ['Trading fee', '2.28'],
          ['SFC levy', '1.09'],
          ['AFRC levy', '0.03'],
          ['CCASS fee', '12.47'],
        ],
      },
      FTUS0001: {
        amount: '1.99',
        items: [
          ['Commission', '0.99'],
          ['Platform fees', '1'],
        ],
      },
      FTUS0002: {
        amount: '1.99',
        items: [
          ['Commission', '0.99'],
          ['Platform fees', '1'],
        ],
      },
      FTUS0003: {
        amount: '2.02',
        items: [
          ['Commission', '0.99'],
          ['Platform fees', '1'],
          ['SEC fee', '0.02'],
          ['TAF', '0.01'],
        ],
      },
    },
  };
}
