import type { AddressInfo } from 'node:net';
import { createServer, type Server, type Socket } from 'node:net';
import { dec, toDecimalString } from '@omnifolio/shared/money';
import { LosslessNumber, parse, stringify } from 'lossless-json';
import { decodeFrames, encodeFrame, PROTO } from '../../connectors/futu/opend-frame.js';

/**
 * Futu OpenD on loopback, speaking its TCP protocol with JSON bodies (44-byte little-endian
 * header, SHA-1 of the body checked; a bad packet closes the connection as OpenD does).
 * InitConnect must come first; then Trd_GetAccList (with the logged-in user id),
 * Trd_GetFunds and Trd_GetPositionList per account and market, KeepAlive. Prices and cash
 * are sent as JSON numbers with exactly the account's digits. `loggedIn = false` makes
 * trade requests fail as OpenD does before its user logs in; `failNext` scripts a refusal.
 */

export interface OpendSimPosition {
  code: string;
  name: string;
  qty: string;
  price: string;
  costPrice: string;
  short?: boolean;
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
}

const num = (value: string) => new LosslessNumber(value);

export class OpendSimulator {
  readonly accounts: OpendSimAccount[] = [];
  readonly loginUserId = '10086123';
  loggedIn = true;
  /** Protocol ids received, in order, across connections. */
  readonly received: number[] = [];
  #server: Server | undefined;
  #port = 0;
  readonly #sockets = new Set<Socket>();
  readonly #failures: { protoId: number; retMsg: string }[] = [];

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

  #serve(socket: Socket): void {
    this.#sockets.add(socket);
    socket.on('close', () => this.#sockets.delete(socket));
    // A client that hangs up with bytes unread resets the connection (ECONNRESET): that ends
    // its session, as OpenD's does, and must not crash the process hosting the simulator.
    socket.on('error', () => socket.destroy());
    let buffer: Buffer = Buffer.alloc(0);
    let initialized = false;
    socket.on('data', (chunk: Buffer) => {
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
          keepAliveInterval: 10,
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
      default:
        return { retType: -1, retMsg: `Unknown protocol ${protoId}`, errCode: 0 };
    }
  }
}

/** A universal account holding Tencent in Hong Kong and Apple in the US, cash in HKD and USD. */
export function opendDemoAccount(): OpendSimAccount {
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
  };
}
