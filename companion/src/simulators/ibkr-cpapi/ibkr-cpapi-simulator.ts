import { dec, toDecimalString } from '@omnifolio/shared/money';
import { LosslessNumber, stringify } from 'lossless-json';
import { type SimulatorClock, type SimulatorRequest, type SimulatorResponse, SimulatorServer } from '../framework/simulator-server.js';
import type { IbkrSimAccount, IbkrSimPosition } from '../ibkr-flex/ibkr-sim-account.js';

/**
 * The IBKR Client Portal Gateway's Web API (`/v1/api`) on loopback, for the accounts it
 * holds. Answers have the keys and JSON types of the recorded answers in
 * test/fixtures/ibkr-cpapi; numbers are sent with exactly the digits of the account
 * (lossless-json), as the gateway sends JSON numbers.
 *
 * Session behaviour: `loggedIn` false makes `/iserver/auth/status` answer
 * `authenticated: false` and every other call 401; a session idle for longer than
 * `idleTimeoutMs` (six minutes, as the gateway) ends the same way until `logIn()`.
 * Rate limits as documented by IBKR: `/portfolio/accounts` and `/portfolio/subaccounts` one
 * request per 5 s, `/tickle` one per second; a faster request gets 429.
 * Positions come 100 per page (`/portfolio/{id}/positions/{page}`), an empty page past the end.
 * Tiered accounts (an advisor's or an introducing broker's clients) are sub-accounts: listed by
 * `/portfolio/subaccounts` only, and, as IBKR documents, their other `/portfolio` calls are
 * refused until that list has been asked for. `notReady` makes an account's summary say
 * `accountready: false`, as IBKR does while it is still loading an account.
 */

export interface IbkrCpapiSimulatorOptions {
  clock?: SimulatorClock;
  idleTimeoutMs?: number;
}

const API = '/v1/api';
const PAGE_SIZE = 100;
const MIN_INTERVAL_MS: Record<string, number> = { '/portfolio/accounts': 5_000, '/portfolio/subaccounts': 5_000, '/tickle': 1_000 };

const num = (value: string) => new LosslessNumber(toDecimalString(value));

export class IbkrCpapiSimulator {
  readonly server: SimulatorServer;
  readonly accounts: IbkrSimAccount[] = [];
  readonly subaccounts: IbkrSimAccount[] = [];
  /** Account ids whose summary reports `accountready: false`. */
  readonly notReady = new Set<string>();
  loggedIn = true;
  #subaccountsListed = false;
  competing = false;
  tickles = 0;
  readonly #idleTimeoutMs: number;
  #lastActivity = 0;
  readonly #lastCall = new Map<string, number>();

  constructor(options: IbkrCpapiSimulatorOptions = {}) {
    this.#idleTimeoutMs = options.idleTimeoutMs ?? 6 * 60_000;
    this.server = new SimulatorServer({
      clock: options.clock,
      handler: (r) => this.#handle(r),
      statusBody: (fault) => ({ error: `Simulated HTTP ${fault.status}`, statusCode: fault.status }),
    });
  }

  async start(): Promise<string> {
    const base = await this.server.start();
    this.#lastActivity = this.server.now();
    return base;
  }

  stop(): Promise<void> {
    return this.server.stop();
  }

  /** The URL a connector is configured with (`…/v1/api`). */
  get apiUrl(): string {
    return `${this.server.baseUrl}${API}`;
  }

  addAccount(account: IbkrSimAccount): IbkrSimAccount {
    this.accounts.push(account);
    return account;
  }

  /** An account seen through `/portfolio/subaccounts` only (a client of an advisor's master account). */
  addSubaccount(account: IbkrSimAccount): IbkrSimAccount {
    this.subaccounts.push(account);
    return account;
  }

  logIn(): void {
    this.loggedIn = true;
    this.#lastActivity = this.server.now();
  }

  #json(status: number, body: unknown): SimulatorResponse {
    return { status, headers: { 'content-type': 'application/json;charset=utf-8' }, text: stringify(body) ?? 'null' };
  }

  #account(id: string) {
    return this.accounts.find((a) => a.accountId === id) ?? (this.#subaccountsListed ? this.subaccounts.find((a) => a.accountId === id) : undefined);
  }

  #accountJson(a: IbkrSimAccount) {
    return {
      id: a.accountId,
      'PrepaidCrypto-Z': false,
      'PrepaidCrypto-P': false,
      brokerageAccess: true,
      accountId: a.accountId,
      accountVan: a.accountId,
      accountTitle: 'Demo Investor',
      displayName: 'Demo Investor',
      accountAlias: a.alias,
      accountStatus: new LosslessNumber('1644814800000'),
      currency: a.baseCurrency,
      type: 'INDIVIDUAL',
      tradingType: 'STKNOPT',
      businessType: 'INDEPENDENT',
      ibEntity: 'IBLLC-CH',
      faclient: false,
      clearingStatus: 'O',
      covestor: false,
      noClientTrading: false,
      trackVirtualFXPortfolio: false,
      parent: { mmc: [], accountId: '', isMParent: false, isMChild: false, isMultiplex: false },
      desc: a.accountId,
    };
  }

  #positionJson(a: IbkrSimAccount, p: IbkrSimPosition) {
    const value = dec(p.position).times(p.markPrice).times(p.multiplier);
    const cost = dec(p.position).times(p.avgCost).times(p.multiplier);
    const isStock = p.assetCategory === 'STK';
    return {
      acctId: a.accountId,
      conid: new LosslessNumber(p.conid),
      // Derivatives as the gateway writes them: "AAPL DEC2026 300 C [AAPL  261218C00300000 100]".
      contractDesc: p.assetCategory === 'STK' ? p.symbol : `${p.description} [${p.symbol} ${p.multiplier}]`,
      position: num(p.position),
      mktPrice: num(p.markPrice),
      mktValue: num(toDecimalString(value)),
      currency: p.currency,
      avgCost: num(toDecimalString(dec(p.avgCost).times(p.multiplier))),
      avgPrice: num(p.avgCost),
      realizedPnl: new LosslessNumber('0.0'),
      unrealizedPnl: num(toDecimalString(value.minus(cost))),
      exchs: null,
      expiry: null,
      putOrCall: null,
      // The gateway sends 0.0 for stocks and the contract multiplier for derivatives.
      multiplier: isStock ? new LosslessNumber('0.0') : num(p.multiplier),
      strike: '0',
      exerciseStyle: null,
      conExchMap: [],
      assetClass: p.assetCategory,
      undConid: new LosslessNumber('0'),
      model: '',
      time: new LosslessNumber('30'),
      ticker: p.assetCategory === 'STK' ? p.symbol : p.symbol.split(/\s+/)[0],
      name: p.description,
      fullName: p.assetCategory === 'STK' ? p.symbol : p.description,
      listingExchange: p.listingExchange ?? '',
      pageSize: new LosslessNumber(String(PAGE_SIZE)),
    };
  }

  #ledger(a: IbkrSimAccount) {
    const now = new LosslessNumber(String(Math.floor(this.server.now() / 1000)));
    const entry = (currency: string, cash: string, rate: string, stock: string) => ({
      commoditymarketvalue: new LosslessNumber('0.0'),
      futuremarketvalue: new LosslessNumber('0.0'),
      settledcash: num(cash),
      exchangerate: num(rate),
      sessionid: new LosslessNumber('1'),
      cashbalance: num(cash),
      corporatebondsmarketvalue: new LosslessNumber('0.0'),
      warrantsmarketvalue: new LosslessNumber('0.0'),
      netliquidationvalue: num(toDecimalString(dec(cash).plus(stock))),
      interest: new LosslessNumber('0.0'),
      unrealizedpnl: new LosslessNumber('0.0'),
      stockmarketvalue: num(stock),
      moneyfunds: new LosslessNumber('0.0'),
      currency,
      realizedpnl: new LosslessNumber('0.0'),
      funds: new LosslessNumber('0.0'),
      acctcode: a.accountId,
      issueroptionsmarketvalue: new LosslessNumber('0.0'),
      key: 'LedgerList',
      timestamp: now,
      severity: new LosslessNumber('0'),
      stockoptionmarketvalue: new LosslessNumber('0.0'),
      futuresonlypnl: new LosslessNumber('0.0'),
      tbondsmarketvalue: new LosslessNumber('0.0'),
      futureoptionmarketvalue: new LosslessNumber('0.0'),
      cashbalancefxsegment: new LosslessNumber('0.0'),
      secondkey: currency,
      tbillsmarketvalue: new LosslessNumber('0.0'),
      dividends: new LosslessNumber('0.0'),
    });
    const stockIn = (ccy: string) =>
      a.positions.filter((p) => p.currency === ccy).reduce((sum, p) => sum.plus(dec(p.position).times(p.markPrice).times(p.multiplier)), dec('0'));
    const currencies = [...new Set([...Object.keys(a.cash), ...a.positions.map((p) => p.currency)])];
    const out: Record<string, unknown> = {};
    let baseCash = dec('0');
    let baseStock = dec('0');
    for (const ccy of currencies) {
      const rate = a.ratesToBase[ccy] ?? '1';
      const cash = a.cash[ccy] ?? '0';
      out[ccy] = { ...entry(ccy, cash, rate, toDecimalString(stockIn(ccy))), endofbundle: new LosslessNumber('1') };
      baseCash = baseCash.plus(dec(cash).times(rate));
      baseStock = baseStock.plus(stockIn(ccy).times(rate));
    }
    out.BASE = entry('BASE', toDecimalString(baseCash), '1', toDecimalString(baseStock));
    return out;
  }

  #handle(request: SimulatorRequest): SimulatorResponse {
    if (!request.path.startsWith(API)) return this.#json(404, { error: 'Not Found', statusCode: 404 });
    const path = request.path.slice(API.length);
    const now = request.now;
    if (this.loggedIn && now - this.#lastActivity > this.#idleTimeoutMs) this.loggedIn = false;

    const interval = MIN_INTERVAL_MS[path];
    if (interval !== undefined) {
      const last = this.#lastCall.get(path);
      if (last !== undefined && now - last < interval)
        return {
          ...this.#json(429, { error: 'Too many requests', statusCode: 429 }),
          headers: { 'content-type': 'application/json', 'retry-after': String(Math.ceil((interval - (now - last)) / 1000)) },
        };
      this.#lastCall.set(path, now);
    }

    if (path === '/iserver/auth/status' && (request.method === 'POST' || request.method === 'GET')) {
      return this.#json(200, {
        authenticated: this.loggedIn,
        competing: this.competing,
        connected: true,
        message: '',
        MAC: '98:F2:B3:23:BF:A0',
        serverInfo: { serverName: 'JifN19053', serverVersion: 'Build 10.25.0p, Dec 5, 2023 5:48:12 PM' },
        fail: '',
      });
    }
    if (!this.loggedIn) return this.#json(401, { error: 'not authenticated', statusCode: 401 });
    this.#lastActivity = now;

    if (path === '/tickle' && request.method === 'POST') {
      this.tickles += 1;
      return this.#json(200, {
        session: 'a8fbd42b7e5a3c1f7d1b3e0a1a2b3c4d',
        ssoExpires: new LosslessNumber('462000'),
        collission: false,
        userId: new LosslessNumber('123456789'),
        hmds: { error: 'no bridge' },
        iserver: {
          authStatus: {
            authenticated: true,
            competing: this.competing,
            connected: true,
            message: '',
            MAC: '98:F2:B3:23:BF:A0',
            serverInfo: { serverName: 'JifN19053', serverVersion: 'Build 10.25.0p' },
          },
        },
      });
    }
    if (request.method !== 'GET') return this.#json(405, { error: 'Method Not Allowed', statusCode: 405 });
    if (path === '/portfolio/accounts')
      return this.#json(
        200,
        this.accounts.map((a) => this.#accountJson(a)),
      );
    if (path === '/portfolio/subaccounts') {
      this.#subaccountsListed = true;
      // An account without tiers lists itself, as in IBKR's documented example.
      const listed = this.subaccounts.length > 0 ? this.subaccounts : this.accounts;
      return this.#json(
        200,
        listed.map((a) => this.#accountJson(a)),
      );
    }

    const m = /^\/portfolio\/([^/]+)\/(ledger|summary|positions\/(\d+))$/.exec(path);
    const account = m ? this.#account(decodeURIComponent(m[1]!)) : undefined;
    if (m === null) return this.#json(404, { error: 'Not Found', statusCode: 404 });
    if (account === undefined) return this.#json(400, { error: `Account ${m[1]} does not exist or is not accessible`, statusCode: 400 });
    if (m[2] === 'ledger') return this.#json(200, this.#ledger(account));
    if (m[2] === 'summary') {
      const field = (amount: string | null, value: string | null, currency: string | null) => ({
        amount: amount === null ? null : num(amount),
        currency,
        isNull: amount === null && value === null,
        timestamp: new LosslessNumber(String(now)),
        value,
        severity: new LosslessNumber('0'),
      });
      const ledger = this.#ledger(account) as Record<string, { netliquidationvalue: LosslessNumber; cashbalance: LosslessNumber }>;
      return this.#json(200, {
        accountcode: field(null, account.accountId, null),
        accountready: field(null, this.notReady.has(account.accountId) ? 'false' : 'true', null),
        accounttype: field(null, 'INDIVIDUAL', null),
        netliquidation: field(ledger.BASE!.netliquidationvalue.toString(), null, account.baseCurrency),
        totalcashvalue: field(ledger.BASE!.cashbalance.toString(), null, account.baseCurrency),
      });
    }
    const page = Number(m[3]);
    const rows = account.positions.slice(page * PAGE_SIZE, (page + 1) * PAGE_SIZE).map((p) => this.#positionJson(account, p));
    return this.#json(200, rows);
  }
}
