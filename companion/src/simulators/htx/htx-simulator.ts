import { LosslessNumber, stringify } from 'lossless-json';
import { HostedSimulator } from '../framework/hosted-simulator.js';
import { type SimulatorClock, type SimulatorRequest, type SimulatorResponse, SimulatorServer } from '../framework/simulator-server.js';
import { upgradeTo } from '../framework/websocket-endpoint.js';
import { HtxContractStream } from './htx-contract-stream.js';
import { HtxPrivateStream } from './htx-private-stream.js';
import { HTX_LIMITS, type HtxRateLimit, HtxRateLimiter } from './htx-rate-limits.js';
import { htxPayload, isValidHtxSignature } from './htx-signature.js';
import type { HtxSimAccount, HtxWireContract, HtxWireFinancialRecord, HtxWireInverseContract, HtxWireSymbol } from './htx-sim-account.js';

/**
 * A local HTX (formerly Huobi) REST API for tests and the demo: the spot gateway
 * (api.huobi.pro: accounts, balances, key permissions, trades, deposits and withdrawals) and the
 * contract gateway (api.hbdm.com: USDT-M v5 balance, positions and bills, coin-margined swap and
 * delivery account and positions by POST, contract sizes, mark prices), both under one origin. The v1 contract answers
 * carry amounts as bare JSON numbers with up to 18 decimals, as HTX sends them. It behaves like HTX where a client can get it wrong:
 *
 * - signature version 2 is re-derived (htx-signature.ts) over the host HTX signs with (the
 *   production host of the gateway the path belongs to, since that is what a client signs),
 *   the path and the sorted query; `Timestamp` must be UTC `YYYY-MM-DDThh:mm:ss` within 5 minutes;
 * - errors are HTX's: the spot gateway answers HTTP 200 with
 *   `{"status":"error","err-code":"api-signature-not-valid","err-msg":"Signature not valid: …"}`
 *   (unknown key, IP not allowed, bad time, bad signature each with HTX's own sentence); the
 *   contract gateway `{"status":"error","err_code":403,"err_msg":…}`;
 * - documented rate limits per UID (public ones per IP), each with its source in htx-rate-limits.ts,
 *   429 with `rate-too-many-requests` when exceeded;
 * - trades only in windows of at most 48 hours within the last 120 days, newest first,
 *   `from`/`direct=next` paging by record id, at most 500 rows; deposits and withdrawals by id
 *   with `from` and `direct` (`prev` ascending, `next` descending), at most 500 rows; USDT-M
 *   bills (`/v5/account/bills`) in windows of at most 7 days within the last 90, newest first,
 *   `from`/`direct` paging by id, at most 100 rows; coin-margined financial records (v3, by POST,
 *   one contract or coin a request) in windows of at most 48 hours within the last 90, oldest
 *   first with `direct=next` from `from_id`; margin loan orders by date, newest first, `from` +
 *   `direct` by id (isolated ones by `symbol`).
 */

export interface HtxSimulatorOptions {
  clock?: SimulatorClock;
  symbols?: readonly HtxWireSymbol[];
  contracts?: readonly HtxWireContract[];
  inverseContracts?: readonly HtxWireInverseContract[];
  /** Rows per coin-margined financial record page (HTX does not document its own); tests shrink it to page. */
  recordPageSize?: number;
}

type Gateway = 'spot' | 'contract';

interface Endpoint {
  gateway: Gateway;
  signed: boolean;
  limit: HtxRateLimit & { shared?: string };
  handle: (request: SimulatorRequest, account: HtxSimAccount, params: Record<string, string>) => SimulatorResponse;
}

/** The hosts a client signs for each gateway (HTX checks the host the request was sent to). */
export const HTX_SIGNED_HOSTS: Record<Gateway, readonly string[]> = {
  spot: ['api.huobi.pro', 'api-aws.huobi.pro'],
  contract: ['api.hbdm.com', 'api.hbdm.vn'],
};

const MAX_SKEW_MS = 5 * 60_000;
const TRADE_WINDOW_MS = 48 * 3_600_000;
const TRADE_RETENTION_MS = 120 * 86_400_000;

const spotError = (code: string, msg: string) => ({ status: 'error', 'err-code': code, 'err-msg': msg, data: null });
const ok = (data: unknown, now: number): SimulatorResponse => ({ status: 200, json: { status: 'ok', data, ts: now } });
const v2ok = (data: unknown): SimulatorResponse => ({ status: 200, json: { code: 200, message: 'success', data, ok: true } });
const v5ok = (data: unknown, now: number): SimulatorResponse => ({ status: 200, json: { code: 200, message: 'Success', data, ts: now } });
const invalid = (msg: string): SimulatorResponse => ({ status: 200, json: spotError('invalid-parameter', msg) });

export class HtxSimulator extends HostedSimulator {
  protected readonly server: SimulatorServer;
  readonly #accounts = new Map<string, HtxSimAccount>();
  readonly #symbols: readonly HtxWireSymbol[];
  readonly #contracts: readonly HtxWireContract[];
  readonly #inverseContracts: readonly HtxWireInverseContract[];
  readonly #limiter = new HtxRateLimiter();
  readonly #recordPageSize: number;
  readonly #endpoints: Record<string, Endpoint>;
  /** Every call is answered with `system-maintenance` while this is set. */
  maintenance = false;
  readonly #stream: HtxPrivateStream;
  readonly #contractStream: HtxContractStream;

  constructor(options: HtxSimulatorOptions = {}) {
    super();
    this.#symbols = options.symbols ?? DEFAULT_HTX_SYMBOLS;
    this.#contracts = options.contracts ?? DEFAULT_HTX_CONTRACTS;
    this.#inverseContracts = options.inverseContracts ?? DEFAULT_HTX_INVERSE_CONTRACTS;
    this.#recordPageSize = options.recordPageSize ?? 50;
    this.server = new SimulatorServer({
      clock: options.clock,
      handler: (request) => this.#handle(request),
      statusBody: (fault) =>
        fault.status === 429
          ? spotError('rate-too-many-requests', 'exceeded rate limit')
          : spotError('gateway-internal-error', 'Failed to load data. Try again later.'),
      upgrade: (req, socket, head) =>
        upgradeTo(this.server.requests, () => this.now(), this.#stream.endpoint, this.#contractStream.endpoint)(req, socket, head),
    });
    this.#contractStream = new HtxContractStream({
      account: (apiKey) => this.#accounts.get(apiKey),
      now: () => this.now(),
      requests: this.server.requests,
      hosts: HTX_SIGNED_HOSTS.contract,
    });
    this.#stream = new HtxPrivateStream({
      account: (apiKey) => this.#accounts.get(apiKey),
      now: () => this.now(),
      requests: this.server.requests,
      hosts: HTX_SIGNED_HOSTS.spot,
    });
    this.#endpoints = {
      'GET /v2/user/uid': { gateway: 'spot', signed: true, limit: HTX_LIMITS.uid, handle: (_r, account) => v2ok(account.uid) },
      'GET /v2/user/api-key': { gateway: 'spot', signed: true, limit: HTX_LIMITS.apiKey, handle: (r, account) => this.#apiKey(r, account) },
      'GET /v1/account/accounts': {
        gateway: 'spot',
        signed: true,
        limit: HTX_LIMITS.accounts,
        handle: (r, account) =>
          ok(
            account.accounts.map(({ list: _list, ...rest }) => rest),
            r.now,
          ),
      },
      'GET /v1/account/accounts/{account-id}/balance': {
        gateway: 'spot',
        signed: true,
        limit: HTX_LIMITS.balance,
        handle: (r, account, params) => {
          const found = account.accounts.find((a) => String(a.id) === params['account-id']);
          if (found === undefined)
            return {
              status: 200,
              json: spotError(
                'account-get-balance-account-inexistent-error',
                `account for id \`${params['account-id']}\` and user id \`${account.uid}\` does not exist`,
              ),
            };
          return ok({ id: found.id, type: found.type, state: found.state, list: found.list }, r.now);
        },
      },
      'GET /v1/order/matchresults': { gateway: 'spot', signed: true, limit: HTX_LIMITS.matchResults, handle: (r, account) => this.#matchResults(r, account) },
      'GET /v1/query/deposit-withdraw': {
        gateway: 'spot',
        signed: true,
        limit: HTX_LIMITS.depositWithdraw,
        handle: (r, account) => this.#depositWithdraw(r, account),
      },
      'GET /v2/account/ledger': { gateway: 'spot', signed: true, limit: HTX_LIMITS.ledger, handle: (r, account) => this.#ledger(r, account) },
      'GET /v1/common/symbols': { gateway: 'spot', signed: false, limit: HTX_LIMITS.symbols, handle: (r) => ok(this.#symbols, r.now) },
      'GET /linear-swap-api/v1/swap_contract_info': {
        gateway: 'contract',
        signed: false,
        limit: HTX_LIMITS.contractPublic,
        handle: (r) => {
          const code = r.query.get('contract_code');
          return ok(
            this.#contracts.filter((c) => code === null || c.contract_code === code),
            r.now,
          );
        },
      },
      'POST /swap-api/v1/swap_account_info': {
        gateway: 'contract',
        signed: true,
        limit: HTX_LIMITS.contractRead,
        handle: (r, account) => inverse(r, account, (swaps) => swaps.accounts),
      },
      'POST /swap-api/v1/swap_position_info': {
        gateway: 'contract',
        signed: true,
        limit: HTX_LIMITS.contractRead,
        handle: (r, account) => inverse(r, account, (swaps) => swaps.positions),
      },
      'GET /swap-api/v1/swap_contract_info': {
        gateway: 'contract',
        signed: false,
        limit: HTX_LIMITS.contractPublic,
        handle: (r) => {
          const code = r.query.get('contract_code');
          return ok(
            this.#inverseContracts.filter((c) => code === null || c.contract_code === code),
            r.now,
          );
        },
      },
      'GET /index/market/history/swap_mark_price_kline': {
        gateway: 'contract',
        signed: false,
        limit: HTX_LIMITS.contractPublic,
        handle: (r) => this.#markPriceKline(r),
      },
      'POST /api/v1/contract_account_info': {
        gateway: 'contract',
        signed: true,
        limit: HTX_LIMITS.contractRead,
        handle: (r, account) => delivery(r, account, (futures) => futures.accounts),
      },
      'POST /api/v1/contract_position_info': {
        gateway: 'contract',
        signed: true,
        limit: HTX_LIMITS.contractRead,
        handle: (r, account) => delivery(r, account, (futures) => futures.positions),
      },
      'GET /api/v1/contract_contract_info': {
        gateway: 'contract',
        signed: false,
        limit: HTX_LIMITS.contractPublic,
        handle: (r) => {
          const code = r.query.get('contract_code');
          return lossless({ status: 'ok', data: DEFAULT_HTX_DELIVERY_CONTRACTS.filter((c) => code === null || c.contract_code === code), ts: r.now });
        },
      },
      'GET /index/market/history/mark_price_kline': {
        gateway: 'contract',
        signed: false,
        limit: HTX_LIMITS.contractPublic,
        handle: (r) => {
          // Delivery contracts are named by `symbol` (the contract code, BTC261225), swaps by `contract_code`.
          const code = r.query.get('symbol');
          const period = r.query.get('period');
          if (code === null || period === null) return invalid('symbol and period are required');
          const price = [...this.#accounts.values()].map((a) => a.deliveryFutures?.markPrices[code]).find((p) => p !== undefined);
          const minute = Math.floor(r.now / 60_000) * 60;
          const candle =
            price === undefined
              ? []
              : [{ id: minute, open: price, close: price, high: price, low: price, amount: '0', vol: '0', count: 0, trade_turnover: '0' }];
          return lossless({ ch: `market.${code}.mark_price.${period}`, data: candle, status: 'ok', ts: r.now });
        },
      },
      'POST /swap-api/v3/swap_financial_record': {
        gateway: 'contract',
        signed: true,
        limit: HTX_LIMITS.contractRead,
        handle: (r, account) => financialRecords(r, account.inverseSwaps?.records ?? [], 'contract', 'contract_code', this.#recordPageSize),
      },
      'POST /api/v3/contract_financial_record': {
        gateway: 'contract',
        signed: true,
        limit: HTX_LIMITS.contractRead,
        handle: (r, account) => financialRecords(r, account.deliveryFutures?.records ?? [], 'symbol', 'symbol', this.#recordPageSize),
      },
      'GET /v1/cross-margin/loan-orders': {
        gateway: 'spot',
        signed: true,
        limit: HTX_LIMITS.crossLoanOrders,
        handle: (r, account) => loanOrders(r, account, 'cross'),
      },
      'GET /v1/margin/loan-orders': {
        gateway: 'spot',
        signed: true,
        limit: HTX_LIMITS.isolatedLoanOrders,
        handle: (r, account) => loanOrders(r, account, 'isolated'),
      },
      'GET /v5/account/balance': { gateway: 'contract', signed: true, limit: HTX_LIMITS.v5Account, handle: (r, account) => v5ok(account.linearBalance, r.now) },
      'GET /v5/account/bills': { gateway: 'contract', signed: true, limit: HTX_LIMITS.v5Account, handle: (r, account) => this.#linearBills(r, account) },
      'GET /v5/trade/position/opens': {
        gateway: 'contract',
        signed: true,
        limit: HTX_LIMITS.v5Positions,
        handle: (r, account) => {
          const code = r.query.get('contract_code');
          return v5ok(
            account.linearPositions.filter((p) => code === null || p.contract_code === code),
            r.now,
          );
        },
      },
    };
  }

  addAccount(account: HtxSimAccount): HtxSimAccount {
    this.#accounts.set(account.apiKey, account);
    return account;
  }

  /** The asset and order WebSocket (`/ws/v2`): authentication, `accounts.update#2`, heartbeat. */
  get privateStream(): HtxPrivateStream {
    return this.#stream;
  }

  /** The v5 contract notification WebSocket (`/ws/v5/notification`): the USDT-M `account` topic. */
  get contractStream(): HtxContractStream {
    return this.#contractStream;
  }

  /**
   * Changes fields of one currency of the USDT-M account (`equity`, `initial_margin` …, HTX's
   * strings), as a fill or a mark-price move would: `GET /v5/account/balance` serves them and the
   * contract socket's subscribers get the `account` notify with the whole account.
   */
  changeLinearBalance(apiKey: string, currency: string, fields: Record<string, string>, event = 'order.match'): void {
    const account = this.#accounts.get(apiKey);
    if (account === undefined) throw new Error(`no HTX account for ${apiKey}`);
    const row = account.linearBalance.details.find((d) => d.currency === currency);
    if (row === undefined) account.linearBalance.details.push({ currency, ...fields });
    else Object.assign(row, fields);
    this.#contractStream.publish(apiKey, event);
  }

  /**
   * Sets a currency's rows (`trade` = available, `frozen`, and on margin accounts `loan` and
   * `interest`, negative) in one of the user's accounts (`spot`, `otc`, `super-margin`, or the
   * isolated `margin` account of `subtype`), as a fill, a deposit or a loan would: the balance
   * endpoint serves the new rows and the stream's subscribers get HTX's `accounts.update#2` pushes
   * for them (one per kind of row), so a sync afterwards reads what the stream said.
   */
  changeBalance(
    apiKey: string,
    accountType: string,
    currency: string,
    rows: { trade?: string; frozen?: string; loan?: string; interest?: string },
    changeType = 'deposit',
    subtype?: string,
  ): void {
    const account = this.#accounts.get(apiKey)?.accounts.find((a) => a.type === accountType && (subtype === undefined || a.subtype === subtype));
    if (account === undefined) throw new Error(`no HTX ${accountType} account for ${apiKey}`);
    for (const [type, balance] of Object.entries(rows) as ['trade' | 'frozen' | 'loan' | 'interest', string][]) {
      const row = account.list.find((r) => r.currency === currency && r.type === type);
      if (row === undefined) account.list.push({ currency, type, balance, 'seq-num': '1' });
      else row.balance = balance;
    }
    if (rows.trade !== undefined || rows.frozen !== undefined) this.#stream.publish(apiKey, account, currency, changeType, 'trade');
    if (rows.loan !== undefined) this.#stream.publish(apiKey, account, currency, changeType, 'loan');
    if (rows.interest !== undefined) this.#stream.publish(apiKey, account, currency, changeType, 'interest');
  }

  override async stop(): Promise<void> {
    this.#stream.close();
    this.#contractStream.close();
    await super.stop();
  }

  #route(request: SimulatorRequest): { endpoint: Endpoint; params: Record<string, string> } | undefined {
    const exact = this.#endpoints[`${request.method} ${request.path}`];
    if (exact !== undefined) return { endpoint: exact, params: {} };
    const balance = /^\/v1\/account\/accounts\/([^/]+)\/balance$/.exec(request.path);
    const endpoint = this.#endpoints[`${request.method} /v1/account/accounts/{account-id}/balance`];
    if (balance !== null && endpoint !== undefined) return { endpoint, params: { 'account-id': decodeURIComponent(balance[1] as string) } };
    return undefined;
  }

  #handle(request: SimulatorRequest): SimulatorResponse {
    const route = this.#route(request);
    if (route === undefined) return { status: 404, json: spotError('invalid-parameter', `Path ${request.path} does not exist`) };
    if (this.maintenance) return { status: 503, json: spotError('system-maintenance', 'System is in maintenance!') };
    const { endpoint, params } = route;

    let account: HtxSimAccount | undefined;
    if (endpoint.signed) {
      const authenticated = this.#authenticate(request, endpoint.gateway);
      if ('response' in authenticated) return authenticated.response;
      account = authenticated.account;
    }
    const bucket = `${account?.uid ?? 'ip'} ${endpoint.limit.shared ?? request.path}`;
    const charge = this.#limiter.charge(bucket, endpoint.limit, request.now);
    const headers = { 'x-hb-ratelimit-requests-remain': String(charge.remaining), 'x-hb-ratelimit-requests-expire': String(charge.expiresAt) };
    if (!charge.allowed) return { status: 429, headers, json: spotError('rate-too-many-requests', 'exceeded rate limit') };
    const response = endpoint.handle(request, account ?? PUBLIC, params);
    return { ...response, headers: { ...headers, ...response.headers } };
  }

  /** HTX's checks, in its order: parameters present, key known, IP allowed, time in range, signature. */
  #authenticate(request: SimulatorRequest, gateway: Gateway): { account: HtxSimAccount } | { response: SimulatorResponse } {
    const refuse = (reason: string) => ({
      response: {
        status: 200,
        json:
          gateway === 'spot'
            ? spotError('api-signature-not-valid', `Signature not valid: ${reason}`)
            : { status: 'error', err_code: 403, err_msg: reason, ts: request.now },
      },
    });
    const q = request.query;
    const key = q.get('AccessKeyId');
    const signature = q.get('Signature');
    const timestamp = q.get('Timestamp');
    if (key === null || signature === null || timestamp === null || q.get('SignatureMethod') !== 'HmacSHA256' || q.get('SignatureVersion') !== '2') {
      return refuse('Missing required parameter [缺少必要参数]');
    }
    const account = this.#accounts.get(key);
    if (account === undefined) return refuse('Incorrect Access key [Access key错误]');
    if (account.ipAddresses !== undefined && !account.ipAddresses.split(',').includes('127.0.0.1'))
      return refuse('Incorrect IP address [IP地址错误]:127.0.0.1');
    const at = Date.parse(`${timestamp}Z`);
    if (!/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/.test(timestamp) || !Number.isFinite(at) || Math.abs(request.now - at) > MAX_SKEW_MS) {
      return refuse('Invalid submission time or incorrect time format [无效的提交时间，或时间格式错误]');
    }
    const pairs = request.rawQuery.split('&').filter((pair) => pair !== '' && !pair.startsWith('Signature='));
    const valid = HTX_SIGNED_HOSTS[gateway].some((host) =>
      isValidHtxSignature(account.secret, signature, htxPayload(request.method, host, request.path, pairs)),
    );
    if (!valid) return refuse('Verification failure [校验失败]');
    return { account };
  }

  /** The last `size` one-minute mark-price candles of a contract; every account's table agrees on the price. */
  #markPriceKline(request: SimulatorRequest): SimulatorResponse {
    const code = request.query.get('contract_code');
    const period = request.query.get('period');
    if (code === null || period === null) return invalid('contract_code and period are required');
    const price = [...this.#accounts.values()].map((a) => a.inverseSwaps?.markPrices[code]).find((p) => p !== undefined);
    const minute = Math.floor(request.now / 60_000) * 60;
    const candle =
      price === undefined ? [] : [{ id: minute, open: price, close: price, high: price, low: price, amount: '0', vol: '0', count: 0, trade_turnover: '0' }];
    return lossless({ ch: `market.${code}.mark_price.${period}`, data: candle, status: 'ok', ts: request.now });
  }

  #apiKey(request: SimulatorRequest, account: HtxSimAccount): SimulatorResponse {
    const uid = request.query.get('uid');
    if (uid === null || uid === '') return { status: 200, json: { code: 2002, message: 'invalid field value in `uid`', data: null, ok: false } };
    if (uid !== String(account.uid)) return { status: 200, json: { code: 2002, message: 'invalid field value in `uid`', data: null, ok: false } };
    const accessKey = request.query.get('accessKey');
    const keys = [
      {
        accessKey: account.apiKey,
        note: 'omnifolio',
        permission: account.permission,
        ipAddresses: account.ipAddresses ?? '',
        validDays: -1,
        status: 'normal',
        createTime: request.now - 30 * 86_400_000,
        updateTime: request.now - 30 * 86_400_000,
      },
    ];
    return v2ok(keys.filter((k) => accessKey === null || k.accessKey === accessKey));
  }

  #matchResults(request: SimulatorRequest, account: HtxSimAccount): SimulatorResponse {
    const q = request.query;
    const size = q.has('size') ? Number(q.get('size')) : 100;
    if (!Number.isInteger(size) || size < 1 || size > 500) return invalid('Parameter `size` is invalid, range [1,500].');
    const end = q.has('end-time') ? Number(q.get('end-time')) : request.now;
    const start = q.has('start-time') ? Number(q.get('start-time')) : end - TRADE_WINDOW_MS;
    if (!Number.isFinite(start) || !Number.isFinite(end) || end < start) return invalid('Parameter `start-time` or `end-time` is invalid.');
    if (end - start > TRADE_WINDOW_MS) return invalid('The query window cannot exceed 48 hours.');
    if (start < request.now - TRADE_RETENTION_MS) return invalid('start-time cannot be earlier than 120 days ago.');
    const direct = q.get('direct') ?? 'next';
    if (direct !== 'next' && direct !== 'prev') return invalid('Parameter `direct` is invalid.');
    const from = q.has('from') ? Number(q.get('from')) : undefined;
    const symbol = q.get('symbol');
    let rows = account.trades
      .filter((t) => t['created-at'] >= start && t['created-at'] <= end && (symbol === null || t.symbol === symbol))
      .sort((a, b) => b.id - a.id);
    // Newest first. `next` continues below the last id of the previous page, `prev` above the first.
    if (from !== undefined) rows = direct === 'next' ? rows.filter((t) => t.id < from) : rows.filter((t) => t.id > from).slice(-size);
    return ok(rows.slice(0, size), request.now);
  }

  /**
   * USDT-M bills: at most 7 days per request within the last 90 days (the last 48 hours without a
   * range), newest first, `limit` ≤ 100 (default 20); `from` with `direct=next` continues with
   * that id and older ones, `direct=prev` with that id and newer ones.
   */
  #linearBills(request: SimulatorRequest, account: HtxSimAccount): SimulatorResponse {
    const q = request.query;
    const error = (code: number, message: string): SimulatorResponse => ({ status: 200, json: { code, message, data: null, ts: request.now } });
    const limit = q.has('limit') ? Number(q.get('limit')) : 20;
    if (!Number.isInteger(limit) || limit < 1 || limit > 100) return error(1067, 'limit is invalid, range [1,100].');
    const end = q.has('end_time') ? Number(q.get('end_time')) : request.now;
    const start = q.has('start_time') ? Number(q.get('start_time')) : end - 48 * 3_600_000;
    if (!Number.isFinite(start) || !Number.isFinite(end) || start > end) return error(1067, 'start_time or end_time is invalid.');
    if (end - start > 7 * 86_400_000) return error(1067, 'The query time range cannot exceed 7 days.');
    if (start < request.now - 90 * 86_400_000) return error(1067, 'Only the last 90 days can be queried.');
    const direct = q.get('direct') ?? 'next';
    if (direct !== 'next' && direct !== 'prev') return error(1067, 'direct is invalid.');
    const from = q.has('from') ? BigInt(q.get('from') ?? '0') : undefined;
    const types = q.get('type')?.split(',');
    const rows = (account.linearBills ?? [])
      .filter((b) => Number(b.created_time) >= start && Number(b.created_time) <= end)
      .filter((b) => (types === undefined || types.includes(b.type)) && (!q.has('contract_code') || b.contract_code === q.get('contract_code')))
      .filter((b) => !q.has('margin_mode') || b.margin_mode === q.get('margin_mode'))
      .filter((b) => from === undefined || (direct === 'next' ? BigInt(b.id) <= from : BigInt(b.id) >= from))
      .sort((a, b) => (BigInt(a.id) < BigInt(b.id) ? 1 : -1));
    const page = direct === 'next' ? rows.slice(0, limit) : rows.slice(-limit);
    return v5ok(page, request.now);
  }

  /**
   * The spot account's ledger: `accountId` must be the user's spot account, at most 10 days per
   * request within the last 180 days, newest first, `limit` ≤ 500 (default 100); `nextId` names
   * the next page, continued with `fromId`.
   */
  #ledger(request: SimulatorRequest, account: HtxSimAccount): SimulatorResponse {
    const q = request.query;
    const fail = (message: string): SimulatorResponse => ({ status: 200, json: { code: 2002, message, data: null, ok: false } });
    const spot = account.accounts.find((a) => a.type === 'spot');
    if (q.get('accountId') !== String(spot?.id)) return fail('invalid field value in `accountId`');
    const limit = q.has('limit') ? Number(q.get('limit')) : 100;
    if (!Number.isInteger(limit) || limit < 1 || limit > 500) return fail('invalid field value in `limit`');
    const end = q.has('endTime') ? Number(q.get('endTime')) : request.now;
    const start = q.has('startTime') ? Number(q.get('startTime')) : end - 10 * 86_400_000;
    if (!Number.isFinite(start) || !Number.isFinite(end) || start > end || end - start > 10 * 86_400_000)
      return fail('invalid field value in `startTime` or `endTime`');
    if (start < request.now - 180 * 86_400_000) return fail('the startTime must be within 180 days');
    const types = q.get('transactTypes')?.split(',');
    const from = q.has('fromId') ? Number(q.get('fromId')) : undefined;
    const rows = (account.spotLedger ?? [])
      .filter((r) => r.transactTime >= start && r.transactTime <= end && (types === undefined || types.includes(r.transactType)))
      .sort((a, b) => b.recordId - a.recordId)
      .filter((r) => from === undefined || r.recordId <= from);
    const page = rows.slice(0, limit).map(({ recordId: _id, ...row }) => row);
    const next = rows[limit];
    return { status: 200, json: { code: 200, message: 'success', data: page, ...(next === undefined ? {} : { nextId: next.recordId }), ok: true } };
  }

  #depositWithdraw(request: SimulatorRequest, account: HtxSimAccount): SimulatorResponse {
    const q = request.query;
    const type = q.get('type');
    if (type !== 'deposit' && type !== 'withdraw') return invalid('Parameter `type` is invalid.');
    const size = q.has('size') ? Number(q.get('size')) : 100;
    if (!Number.isInteger(size) || size < 1 || size > 500) return invalid('Parameter `size` is invalid, range [1,500].');
    const direct = q.get('direct') ?? 'prev';
    if (direct !== 'next' && direct !== 'prev') return invalid('Parameter `direct` is invalid.');
    const from = q.has('from') ? Number(q.get('from')) : undefined;
    const currency = q.get('currency');
    const rows = account.transfers.filter((t) => t.type === type && (currency === null || t.currency === currency));
    // `prev`: ascending from `from` (inclusive); `next`: descending from `from` (inclusive).
    const page =
      direct === 'prev'
        ? rows.filter((t) => from === undefined || t.id >= from).sort((a, b) => a.id - b.id)
        : rows.filter((t) => from === undefined || t.id <= from).sort((a, b) => b.id - a.id);
    return ok(page.slice(0, size), request.now);
  }
}

/** HTX's v1 contract answers: amounts as bare JSON numbers, sent with exactly the digits scripted. */
function lossless(body: unknown): SimulatorResponse {
  const numbers = (value: unknown): unknown => {
    if (typeof value === 'string' && /^-?\d+(\.\d+)?(E-?\d+)?$/.test(value)) return new LosslessNumber(value);
    if (Array.isArray(value)) return value.map(numbers);
    if (value !== null && typeof value === 'object')
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, k === 'contract_code' || k === 'symbol' || k === 'ch' ? v : numbers(v)]));
    return value;
  };
  return { status: 200, headers: { 'content-type': 'application/json;charset=UTF-8' }, text: stringify(numbers(body)) ?? '' };
}

/**
 * Coin-margined financial records (v3): `contract` (swaps) or `symbol` (delivery) is required; at
 * most 48 hours a request within the last 90 days (default: the last 48 hours); `direct=next`
 * oldest first from `from_id` (that query_id included), `prev` (the default here, as HTX's table
 * says) newest first down to it. HTX names no page size; the simulator's `recordPageSize` (50 by default).
 */
function financialRecords(
  request: SimulatorRequest,
  rows: readonly HtxWireFinancialRecord[],
  field: 'contract' | 'symbol',
  rowField: 'contract_code' | 'symbol',
  pageSize: number,
): SimulatorResponse {
  const fail = (code: number, msg: string): SimulatorResponse => ({ status: 200, json: { code, msg, data: null, ts: request.now } });
  let body: Record<string, unknown>;
  try {
    body = request.body === '' ? {} : (JSON.parse(request.body) as Record<string, unknown>);
  } catch {
    return fail(1067, 'The request body is not JSON.');
  }
  const key = body[field];
  if (typeof key !== 'string' || key === '') return fail(1014, `${field} cannot be empty.`);
  const end = body.end_time === undefined ? request.now : Number(body.end_time);
  const start = body.start_time === undefined ? end - 48 * 3_600_000 : Number(body.start_time);
  if (!Number.isFinite(start) || !Number.isFinite(end) || start > end) return fail(1067, 'start_time or end_time is invalid.');
  if (end - start > 48 * 3_600_000) return fail(1067, 'The query window cannot exceed 48 hours.');
  if (start < request.now - 90 * 86_400_000) return fail(1067, 'Only the last 90 days can be queried.');
  const direct = body.direct ?? 'prev';
  if (direct !== 'next' && direct !== 'prev') return fail(1067, 'direct is invalid.');
  const from = body.from_id === undefined ? undefined : BigInt(String(body.from_id));
  const matching = rows
    .filter((r) => r[rowField].toUpperCase() === key.toUpperCase() && Number(r.ts) >= start && Number(r.ts) <= end)
    .sort((a, b) => (BigInt(a.query_id) < BigInt(b.query_id) ? -1 : 1));
  const page =
    direct === 'next'
      ? matching.filter((r) => from === undefined || BigInt(r.query_id) >= from).slice(0, pageSize)
      : matching
          .filter((r) => from === undefined || BigInt(r.query_id) <= from)
          .reverse()
          .slice(0, pageSize);
  return lossless({ code: 200, msg: '', data: page, ts: request.now });
}

/**
 * Margin loan orders: `start-date` / `end-date` (yyyy-mm-dd, default the last 61 days), newest
 * first; `from` with `direct=next` continues below that id, `prev` above it. Isolated margin
 * needs `symbol` and pages up to 100 (default 100); cross margin takes 10 to 100 (default 10).
 */
function loanOrders(request: SimulatorRequest, account: HtxSimAccount, kind: 'cross' | 'isolated'): SimulatorResponse {
  const q = request.query;
  const symbol = q.get('symbol');
  if (kind === 'isolated' && (symbol === null || symbol === '')) return invalid('Parameter `symbol` is required.');
  const size = q.has('size') ? Number(q.get('size')) : kind === 'cross' ? 10 : 100;
  const [min, max] = kind === 'cross' ? [10, 100] : [1, 100];
  if (!Number.isInteger(size) || size < min || size > max) return invalid(`Parameter \`size\` is invalid, range [${min},${max}].`);
  const dayOf = (value: string | null, fallback: number) => (value === null ? fallback : Date.parse(`${value}T00:00:00Z`));
  const start = dayOf(q.get('start-date'), Date.parse(`${new Date(request.now - 61 * 86_400_000).toISOString().slice(0, 10)}T00:00:00Z`));
  const endDay = dayOf(q.get('end-date'), Date.parse(`${new Date(request.now).toISOString().slice(0, 10)}T00:00:00Z`));
  if (!Number.isFinite(start) || !Number.isFinite(endDay) || start > endDay) return invalid('Parameter `start-date` or `end-date` is invalid.');
  const direct = q.get('direct') ?? 'next';
  if (direct !== 'next' && direct !== 'prev') return invalid('Parameter `direct` is invalid.');
  const from = q.has('from') ? Number(q.get('from')) : undefined;
  const states = (q.get(kind === 'cross' ? 'state' : 'states') ?? '').split(',').filter((s) => s !== '');
  const currency = q.get('currency');
  let rows = (account.loanOrders?.[kind] ?? [])
    .filter((o) => o['created-at'] >= start && o['created-at'] < endDay + 86_400_000)
    .filter((o) => (kind === 'cross' || o.symbol === symbol) && (currency === null || o.currency === currency))
    .filter((o) => states.length === 0 || states.includes(o.state))
    .sort((a, b) => b.id - a.id);
  if (from !== undefined) rows = direct === 'next' ? rows.filter((o) => o.id < from) : rows.filter((o) => o.id > from).slice(-size);
  return ok(rows.slice(0, size), request.now);
}

/** Coin-margined swap account data, or HTX's 1010 when the user never opened that account. */
function inverse(
  request: SimulatorRequest,
  account: HtxSimAccount,
  rows: (swaps: NonNullable<HtxSimAccount['inverseSwaps']>) => Record<string, unknown>[],
): SimulatorResponse {
  const swaps = account.inverseSwaps;
  if (swaps === undefined) return { status: 200, json: { status: 'error', err_code: 1010, err_msg: 'Account doesnt exist.', ts: request.now } };
  let code: unknown;
  try {
    code = request.body === '' ? undefined : (JSON.parse(request.body) as { contract_code?: unknown }).contract_code;
  } catch {
    return invalid('The request body is not JSON.');
  }
  return lossless({ status: 'ok', data: rows(swaps).filter((row) => code === undefined || row.contract_code === code), ts: request.now });
}

/** Coin-margined delivery futures data (body filter `symbol`, the coin), or HTX's 1010 when the user never opened that account. */
function delivery(
  request: SimulatorRequest,
  account: HtxSimAccount,
  rows: (futures: NonNullable<HtxSimAccount['deliveryFutures']>) => Record<string, unknown>[],
): SimulatorResponse {
  const futures = account.deliveryFutures;
  if (futures === undefined) return { status: 200, json: { status: 'error', err_code: 1010, err_msg: 'Account doesnt exist.', ts: request.now } };
  let symbol: unknown;
  try {
    symbol = request.body === '' ? undefined : (JSON.parse(request.body) as { symbol?: unknown }).symbol;
  } catch {
    return invalid('The request body is not JSON.');
  }
  return lossless({ status: 'ok', data: rows(futures).filter((row) => symbol === undefined || row.symbol === symbol), ts: request.now });
}

/** `GET /api/v1/contract_contract_info` rows: coin-margined delivery contracts, `contract_size` in USD. */
export const DEFAULT_HTX_DELIVERY_CONTRACTS: readonly Record<string, string | number>[] = [
  { symbol: 'BTC', contract_code: 'BTC261225', contract_type: 'quarter', contract_size: 100, price_tick: 0.01, delivery_date: '20261225', contract_status: 1 },
  { symbol: 'ETH', contract_code: 'ETH261225', contract_type: 'quarter', contract_size: 10, price_tick: 0.001, delivery_date: '20261225', contract_status: 1 },
];

/** Public endpoints run without an account; handlers of public endpoints never read it. */
const PUBLIC: HtxSimAccount = {
  apiKey: '',
  secret: '',
  uid: 0,
  permission: '',
  accounts: [],
  linearBalance: { details: [] },
  linearPositions: [],
  trades: [],
  transfers: [],
};

const symbol = (base: string, quote: string): HtxWireSymbol => ({ symbol: `${base}${quote}`, 'base-currency': base, 'quote-currency': quote, state: 'online' });

export const DEFAULT_HTX_SYMBOLS: readonly HtxWireSymbol[] = [
  symbol('btc', 'usdt'),
  symbol('eth', 'usdt'),
  symbol('eth', 'btc'),
  symbol('doge', 'usdt'),
  symbol('xrp', 'usdt'),
  symbol('trx', 'usdt'),
];

const contract = (base: string, size: number, tick: number): HtxWireContract => ({
  symbol: base,
  contract_code: `${base}-USDT`,
  contract_size: size,
  price_tick: tick,
  contract_status: 1,
  support_margin_mode: 'all',
  business_type: 'swap',
});

/** Coin-margined swaps are worth a fixed amount of USD per contract: BTC-USD 100 USD, the others 10. */
export const DEFAULT_HTX_INVERSE_CONTRACTS: readonly HtxWireInverseContract[] = [
  { symbol: 'BTC', contract_code: 'BTC-USD', contract_size: 100, price_tick: 0.1, contract_status: 1 },
  { symbol: 'ETH', contract_code: 'ETH-USD', contract_size: 10, price_tick: 0.01, contract_status: 1 },
];

/** Contract sizes as HTX lists them: BTC-USDT is 0.001 BTC, ETH-USDT 0.01 ETH, DOGE-USDT 100 DOGE. */
export const DEFAULT_HTX_CONTRACTS: readonly HtxWireContract[] = [contract('BTC', 0.001, 0.1), contract('ETH', 0.01, 0.01), contract('DOGE', 100, 0.000001)];
