import { randomBytes, randomUUID } from 'node:crypto';
import { dec, toDecimalString } from '@omnifolio/shared/money';
import { LosslessNumber, stringify } from 'lossless-json';
import { HostedSimulator } from '../framework/hosted-simulator.js';
import { type SimulatorClock, type SimulatorRequest, type SimulatorResponse, SimulatorServer } from '../framework/simulator-server.js';
import type { SchwabSimAccount, SchwabSimCustomer, SchwabSimPosition, SchwabSimTransaction } from './schwab-sim-account.js';

/**
 * Schwab's OAuth service and Trader API on loopback.
 *
 * OAuth (`/v1/oauth/*`): the authorize page checks `client_id` and that `redirect_uri` is the
 * app's registered callback, shows a minimal login-and-consent form, and on "Allow" redirects to
 * the callback with `code` (ending in `@`, so the address bar shows `%40`, as Schwab's do),
 * `session` and the caller's `state`. The token endpoint checks HTTP Basic `App Key:Secret`;
 * codes work once, for 30 seconds, only with the redirect_uri they were issued for; access
 * tokens last 30 minutes and refresh tokens 7 days on the simulator's clock, with Schwab's
 * error bodies (`invalid_client`, `invalid_grant`, `refresh_token_authentication_error`).
 *
 * Trader API (`/trader/v1`): Bearer tokens (401 with Schwab's ServiceError body when missing
 * or expired), accounts by hash, `fields=positions`, transactions by window (startDate and
 * endDate required and at most a year apart, `types` required, history kept `historyDays`
 * back) and 120 requests per minute per app (429). Numbers go out as JSON numbers with the
 * account's exact digits (lossless-json).
 */
export interface SchwabSimulatorOptions {
  clock?: SimulatorClock;
  perMinute?: number;
  /** How far back transactions are served; older windows get 400. */
  historyDays?: number;
}

const ACCESS_LIFE_MS = 30 * 60_000;
const REFRESH_LIFE_MS = 7 * 86_400_000;
const CODE_LIFE_MS = 30_000;
const YEAR_MS = 365 * 86_400_000;
const TYPES = new Set([
  'TRADE',
  'RECEIVE_AND_DELIVER',
  'DIVIDEND_OR_INTEREST',
  'ACH_RECEIPT',
  'ACH_DISBURSEMENT',
  'CASH_RECEIPT',
  'CASH_DISBURSEMENT',
  'ELECTRONIC_FUND',
  'WIRE_OUT',
  'WIRE_IN',
  'JOURNAL',
  'MEMORANDUM',
  'MARGIN_CALL',
  'MONEY_MARKET',
  'SMA_ADJUSTMENT',
]);

const num = (value: string) => new LosslessNumber(value);
/** `2024-03-27T13:30:02+0000`, Schwab's transaction time format. */
const schwabTime = (at: number) => new Date(at).toISOString().replace(/\.\d{3}Z$/, '+0000');

export class SchwabSimulator extends HostedSimulator {
  protected readonly server: SimulatorServer;
  readonly customers: SchwabSimCustomer[] = [];
  readonly #perMinute: number;
  readonly #historyMs: number;
  readonly #codes = new Map<string, { appKey: string; redirectUri: string; expiresAt: number }>();
  readonly #refreshTokens = new Map<string, { appKey: string; expiresAt: number }>();
  readonly #accessTokens = new Map<string, { appKey: string; expiresAt: number }>();
  readonly #sent = new Map<string, number[]>();

  constructor(options: SchwabSimulatorOptions = {}) {
    super();
    this.#perMinute = options.perMinute ?? 120;
    this.#historyMs = (options.historyDays ?? 2 * 365) * 86_400_000;
    this.server = new SimulatorServer({
      clock: options.clock,
      handler: (r) => this.#handle(r),
      statusBody: (fault) => ({ message: fault.status === 429 ? 'Too many requests' : 'Internal server error', errors: [`HTTP ${fault.status}`] }),
    });
  }

  addCustomer(customer: SchwabSimCustomer): SchwabSimCustomer {
    this.customers.push(customer);
    if (customer.preauthorizedRefreshToken !== undefined) {
      this.#refreshTokens.set(customer.preauthorizedRefreshToken, { appKey: customer.app.appKey, expiresAt: this.now() + REFRESH_LIFE_MS });
    }
    return customer;
  }

  /** Issues a refresh token as a completed sign-in would (tests that skip the browser). */
  issueRefreshToken(appKey: string): string {
    const token = `${randomBytes(24).toString('base64url')}@`;
    this.#refreshTokens.set(token, { appKey, expiresAt: this.now() + REFRESH_LIFE_MS });
    return token;
  }

  /** The address of the authorize page, as the connector builds it. */
  get authorizeUrl(): string {
    return `${this.baseUrl}/v1/oauth/authorize`;
  }

  #customerOf(appKey: string | undefined) {
    return this.customers.find((c) => c.app.appKey === appKey);
  }

  #json(status: number, body: unknown, headers: Record<string, string> = {}): SimulatorResponse {
    return { status, headers: { 'content-type': 'application/json', ...headers }, text: stringify(body) ?? 'null' };
  }

  #handle(r: SimulatorRequest): SimulatorResponse {
    if (r.path === '/v1/oauth/authorize' && r.method === 'GET') return this.#authorizePage(r);
    if (r.path === '/v1/oauth/authorize' && r.method === 'POST') return this.#consent(r);
    if (r.path === '/v1/oauth/token' && r.method === 'POST') return this.#token(r);
    if (r.path.startsWith('/trader/v1/')) return this.#trader(r);
    return this.#json(404, { message: 'Not Found', errors: [`No resource at ${r.path}`] });
  }

  #authorizePage(r: SimulatorRequest): SimulatorResponse {
    const clientId = r.query.get('client_id') ?? '';
    const redirectUri = r.query.get('redirect_uri') ?? '';
    const customer = this.#customerOf(clientId);
    if (customer === undefined)
      return { status: 400, headers: { 'content-type': 'text/html' }, text: '<p>We are unable to complete your request. (unknown client_id)</p>' };
    if (redirectUri !== customer.app.callbackUrl) {
      return {
        status: 400,
        headers: { 'content-type': 'text/html' },
        text: '<p>We are unable to complete your request. (redirect_uri does not match the app)</p>',
      };
    }
    const hidden = (name: string, value: string) => `<input type="hidden" name="${name}" value="${escapeHtml(value)}">`;
    const accounts = customer.accounts.map((a) => `<li>${a.type === 'MARGIN' ? 'Brokerage' : 'Cash'} …${a.accountNumber.slice(-3)}</li>`).join('');
    return {
      status: 200,
      headers: { 'content-type': 'text/html; charset=utf-8' },
      text: `<!doctype html><title>Schwab (simulated) – Log in</title><h1>Charles Schwab (simulated)</h1>
<form method="post" action="/v1/oauth/authorize">${hidden('client_id', clientId)}${hidden('redirect_uri', redirectUri)}${hidden('state', r.query.get('state') ?? '')}
<label>Login ID <input name="login" value="demo"></label> <label>Password <input name="password" type="password" value="demo"></label>
<p>Allow this app to read these accounts:</p><ul>${accounts}</ul><button type="submit" name="consent" value="allow">Allow</button></form>`,
    };
  }

  #consent(r: SimulatorRequest): SimulatorResponse {
    const form = new URLSearchParams(r.body);
    const customer = this.#customerOf(form.get('client_id') ?? '');
    const redirectUri = form.get('redirect_uri') ?? '';
    if (customer === undefined || redirectUri !== customer.app.callbackUrl) return { status: 400, text: 'We are unable to complete your request.' };
    // Schwab's codes look like `C0.b2F1dGgy….<random>@`; the `@` reaches the address bar as %40.
    const code = `C0.b2F1dGgyLmJkYy5zY2h3YWIuY29t.${randomBytes(18).toString('base64url')}@`;
    this.#codes.set(code, { appKey: customer.app.appKey, redirectUri, expiresAt: r.now + CODE_LIFE_MS });
    const target = new URL(redirectUri);
    const state = form.get('state');
    const query = `code=${encodeURIComponent(code)}&session=${randomUUID()}${state ? `&state=${encodeURIComponent(state)}` : ''}`;
    return { status: 302, headers: { location: `${target.origin}${target.pathname}?${query}` }, text: '' };
  }

  #token(r: SimulatorRequest): SimulatorResponse {
    const basic = /^Basic (.+)$/.exec(r.headers.authorization ?? '')?.[1];
    const [appKey, appSecret] = basic ? Buffer.from(basic, 'base64').toString('utf8').split(':') : [];
    const customer = this.#customerOf(appKey);
    if (customer === undefined || customer.app.appSecret !== appSecret) return this.#json(401, { error: 'invalid_client', error_description: 'Unauthorized' });
    const form = new URLSearchParams(r.body);
    const grant = form.get('grant_type');
    const issueAccess = (refreshToken: string) => {
      const accessToken = `I0.${randomBytes(24).toString('base64url')}@`;
      this.#accessTokens.set(accessToken, { appKey: customer.app.appKey, expiresAt: r.now + ACCESS_LIFE_MS });
      return this.#json(200, {
        expires_in: num('1800'),
        token_type: 'Bearer',
        scope: 'api',
        refresh_token: refreshToken,
        access_token: accessToken,
        id_token: randomBytes(32).toString('base64url'),
      });
    };
    if (grant === 'authorization_code') {
      const code = form.get('code') ?? '';
      const issued = this.#codes.get(code);
      if (issued === undefined || issued.appKey !== customer.app.appKey || issued.expiresAt <= r.now) {
        return this.#json(400, { error: 'invalid_grant', error_description: 'Authorization code is invalid or expired' });
      }
      if (issued.redirectUri !== form.get('redirect_uri')) return this.#json(400, { error: 'invalid_grant', error_description: 'redirect_uri does not match' });
      this.#codes.delete(code);
      const refreshToken = `${randomBytes(24).toString('base64url')}@`;
      this.#refreshTokens.set(refreshToken, { appKey: customer.app.appKey, expiresAt: r.now + REFRESH_LIFE_MS });
      return issueAccess(refreshToken);
    }
    if (grant === 'refresh_token') {
      const refreshToken = form.get('refresh_token') ?? '';
      const known = this.#refreshTokens.get(refreshToken);
      if (known === undefined || known.appKey !== customer.app.appKey || known.expiresAt <= r.now) {
        return this.#json(400, {
          error: 'refresh_token_authentication_error',
          error_description: 'Exception while authenticating refresh token, Exception=Failed refresh token authentication',
        });
      }
      return issueAccess(refreshToken);
    }
    return this.#json(400, { error: 'unsupported_grant_type', error_description: `grant_type ${grant ?? '(none)'} is not supported` });
  }

  #trader(r: SimulatorRequest): SimulatorResponse {
    const bearer = /^Bearer (.+)$/.exec(r.headers.authorization ?? '')?.[1];
    const access = bearer === undefined ? undefined : this.#accessTokens.get(bearer);
    if (access === undefined || access.expiresAt <= r.now)
      return this.#json(401, { message: 'Client not authorized', errors: ['Access token is invalid or expired'] });
    const customer = this.#customerOf(access.appKey)!;
    const times = this.#sent.get(access.appKey) ?? [];
    this.#sent.set(access.appKey, times);
    while (times.length > 0 && r.now - times[0]! >= 60_000) times.shift();
    if (times.length >= this.#perMinute) {
      return this.#json(
        429,
        { message: 'Too many requests', errors: ['Rate limit of requests per minute exceeded'] },
        { 'retry-after': String(Math.ceil((times[0]! + 60_000 - r.now) / 1000)) },
      );
    }
    times.push(r.now);
    if (r.method !== 'GET') return this.#json(405, { message: 'Method not allowed', errors: [] });

    if (r.path === '/trader/v1/accounts/accountNumbers') {
      return this.#json(
        200,
        customer.accounts.map((a) => ({ accountNumber: a.accountNumber, hashValue: a.hashValue })),
      );
    }
    if (r.path === '/trader/v1/accounts') {
      const withPositions = (r.query.get('fields') ?? '').split(',').includes('positions');
      return this.#json(
        200,
        customer.accounts.map((a) => accountBody(a, withPositions)),
      );
    }
    const tx = /^\/trader\/v1\/accounts\/([^/]+)\/transactions$/.exec(r.path);
    if (tx) {
      const account = customer.accounts.find((a) => a.hashValue === decodeURIComponent(tx[1]!));
      if (account === undefined) return this.#json(404, { message: 'Account not found', errors: ['Invalid account number'] });
      return this.#transactions(r, account);
    }
    const one = /^\/trader\/v1\/accounts\/([^/]+)$/.exec(r.path);
    if (one) {
      const account = customer.accounts.find((a) => a.hashValue === decodeURIComponent(one[1]!));
      if (account === undefined) return this.#json(404, { message: 'Account not found', errors: ['Invalid account number'] });
      return this.#json(200, accountBody(account, (r.query.get('fields') ?? '').includes('positions')));
    }
    return this.#json(404, { message: 'Not Found', errors: [`No resource at ${r.path}`] });
  }

  #transactions(r: SimulatorRequest, account: SchwabSimAccount): SimulatorResponse {
    const bad = (detail: string) => this.#json(400, { message: 'Bad Request', errors: [detail] });
    const start = Date.parse(r.query.get('startDate') ?? '');
    const end = Date.parse(r.query.get('endDate') ?? '');
    if (!Number.isFinite(start) || !Number.isFinite(end)) return bad('startDate and endDate are required, as yyyy-MM-ddTHH:mm:ss.SSSZ');
    if (end < start) return bad('endDate must not be before startDate');
    if (end - start > YEAR_MS + 86_400_000) return bad('The date range may not exceed one year');
    if (start < r.now - this.#historyMs) return bad('startDate is older than the transaction history available');
    const types = (r.query.get('types') ?? '').split(',').filter(Boolean);
    if (types.length === 0) return bad('types is required');
    const unknown = types.find((t) => !TYPES.has(t));
    if (unknown !== undefined) return bad(`Invalid transaction type ${unknown}`);
    const list = account.transactions
      .filter((t) => t.at >= start && t.at <= end && types.includes(t.type))
      .sort((a, b) => b.at - a.at)
      .map((t) => transactionBody(account, t));
    return this.#json(200, list);
  }
}

function positionBody(p: SchwabSimPosition) {
  const instrument: Record<string, unknown> = { assetType: p.assetType, cusip: p.cusip, symbol: p.symbol, description: p.description, netChange: num('0') };
  if (p.assetType === 'OPTION') Object.assign(instrument, { putCall: p.putCall, underlyingSymbol: p.underlyingSymbol, type: 'VANILLA' });
  if (p.assetType === 'COLLECTIVE_INVESTMENT') instrument.type = 'EXCHANGE_TRADED_FUND';
  const short = p.shortQuantity !== '0';
  // Open P/L = market value − signed quantity × average price × shares per contract.
  const multiplier = p.assetType === 'OPTION' ? 100 : 1;
  const openPnl = toDecimalString(dec(p.marketValue).minus(dec(p.longQuantity).minus(p.shortQuantity).times(p.averagePrice).times(multiplier)));
  return {
    shortQuantity: num(p.shortQuantity),
    averagePrice: num(p.averagePrice),
    currentDayProfitLoss: num('0'),
    currentDayProfitLossPercentage: num('0'),
    longQuantity: num(p.longQuantity),
    settledLongQuantity: num(p.longQuantity),
    settledShortQuantity: num(p.shortQuantity),
    instrument,
    marketValue: num(p.marketValue),
    maintenanceRequirement: num('0'),
    ...(short
      ? { averageShortPrice: num(p.averagePrice), shortOpenProfitLoss: num(openPnl) }
      : { averageLongPrice: num(p.averagePrice), taxLotAverageLongPrice: num(p.averagePrice), longOpenProfitLoss: num(openPnl) }),
    previousSessionLongQuantity: num(p.longQuantity),
    currentDayCost: num('0'),
  };
}

function accountBody(a: SchwabSimAccount, withPositions: boolean) {
  return {
    securitiesAccount: {
      type: a.type,
      accountNumber: a.accountNumber,
      roundTrips: num('0'),
      isDayTrader: false,
      isClosingOnlyRestricted: false,
      pfcbFlag: false,
      ...(withPositions ? { positions: a.positions.map(positionBody) } : {}),
      currentBalances: {
        accruedInterest: num('0'),
        cashBalance: num(a.cashBalance),
        cashReceipts: num('0'),
        longOptionMarketValue: num('0'),
        moneyMarketFund: num('0'),
        pendingDeposits: num('0'),
        savings: num('0'),
        shortMarketValue: num('0'),
      },
    },
    aggregatedBalance: { currentLiquidationValue: num('0'), liquidationValue: num('0') },
  };
}

function transactionBody(account: SchwabSimAccount, t: SchwabSimTransaction) {
  return {
    activityId: num(t.activityId),
    time: schwabTime(t.at),
    description: t.description,
    accountNumber: account.accountNumber,
    type: t.type,
    status: t.status,
    subAccount: 'CASH',
    tradeDate: schwabTime(t.at),
    netAmount: num(t.netAmount),
    activityType: t.type === 'TRADE' ? 'EXECUTION' : 'TRANSFER',
    transferItems: t.transferItems.map((i) => ({
      instrument: {
        ...i.instrument,
        ...(i.instrument.optionPremiumMultiplier !== undefined ? { optionPremiumMultiplier: num(i.instrument.optionPremiumMultiplier) } : {}),
      },
      amount: num(i.amount),
      cost: num(i.cost),
      ...(i.price !== undefined ? { price: num(i.price) } : {}),
      ...(i.feeType !== undefined ? { feeType: i.feeType } : {}),
      ...(i.positionEffect !== undefined ? { positionEffect: i.positionEffect } : {}),
    })),
  };
}

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
