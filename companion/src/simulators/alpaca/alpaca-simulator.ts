import { dec, toDecimalString } from '@omnifolio/shared/money';
import { type SimulatorClock, type SimulatorRequest, type SimulatorResponse, SimulatorServer } from '../framework/simulator-server.js';
import type { AlpacaSimAccount } from './alpaca-sim-account.js';

/**
 * Alpaca's Trading API v2 on loopback (one server plays live or paper: the paths are the
 * same). Every request must carry `APCA-API-KEY-ID` and `APCA-API-SECRET-KEY`; a missing or
 * wrong pair gets Alpaca's 401 `{"code":40110000,"message":"request is not authorized"}`.
 * More than `perMinute` requests in a minute get 429 with Alpaca's rate-limit headers.
 *
 * `GET /v2/account/activities` pages as Alpaca does: `direction` (default desc),
 * `page_size` (default 100, at most 100), `page_token` = the id of the last entry of the
 * previous page, `activity_types` filter, `after`/`until` by time.
 */
export interface AlpacaSimulatorOptions {
  clock?: SimulatorClock;
  perMinute?: number;
}

const UNAUTHORIZED = { code: 40110000, message: 'request is not authorized' };

export class AlpacaSimulator {
  readonly server: SimulatorServer;
  readonly #accounts: AlpacaSimAccount[] = [];
  readonly #perMinute: number;
  readonly #times: number[] = [];

  constructor(options: AlpacaSimulatorOptions = {}) {
    this.#perMinute = options.perMinute ?? 200;
    this.server = new SimulatorServer({
      clock: options.clock,
      handler: (r) => this.#handle(r),
      statusBody: (fault) => ({
        code: fault.status === 429 ? 42910000 : 50010000,
        message: fault.status === 429 ? 'rate limit exceeded' : 'internal server error occurred',
      }),
    });
  }

  start(): Promise<string> {
    return this.server.start();
  }

  stop(): Promise<void> {
    return this.server.stop();
  }

  addAccount(account: AlpacaSimAccount): AlpacaSimAccount {
    this.#accounts.push(account);
    return account;
  }

  #json(status: number, body: unknown, headers: Record<string, string> = {}): SimulatorResponse {
    return { status, json: body, headers };
  }

  #handle(request: SimulatorRequest): SimulatorResponse {
    const account = this.#accounts.find((a) => a.keyId === request.headers['apca-api-key-id'] && a.secretKey === request.headers['apca-api-secret-key']);
    if (account === undefined) return this.#json(401, UNAUTHORIZED);
    const now = request.now;
    while (this.#times.length > 0 && now - this.#times[0]! >= 60_000) this.#times.shift();
    this.#times.push(now);
    const remaining = Math.max(0, this.#perMinute - this.#times.length);
    const limitHeaders = {
      'x-ratelimit-limit': String(this.#perMinute),
      'x-ratelimit-remaining': String(remaining),
      'x-ratelimit-reset': String(Math.ceil((this.#times[0]! + 60_000) / 1000)),
    };
    if (this.#times.length > this.#perMinute) return this.#json(429, { code: 42910000, message: 'rate limit exceeded' }, limitHeaders);
    if (request.method !== 'GET') return this.#json(405, { code: 40510000, message: 'method not allowed' });

    if (request.path === '/v2/account') {
      const equity = account.positions.reduce((sum, p) => sum.plus(dec(p.qty).times(p.current_price)), dec(account.cash));
      return this.#json(
        200,
        {
          id: '904837e3-3b76-47ec-b432-046db621571b',
          account_number: account.accountNumber,
          status: 'ACTIVE',
          crypto_status: 'ACTIVE',
          currency: 'USD',
          cash: account.cash,
          portfolio_value: toDecimalString(equity),
          equity: toDecimalString(equity),
          last_equity: toDecimalString(equity),
          buying_power: account.cash,
          pattern_day_trader: false,
          trading_blocked: false,
          transfers_blocked: false,
          account_blocked: false,
          created_at: '2024-01-03T14:06:25.381921Z',
          shorting_enabled: false,
          multiplier: '1',
          long_market_value: toDecimalString(equity.minus(account.cash)),
          short_market_value: '0',
          initial_margin: '0',
          maintenance_margin: '0',
          daytrade_count: 0,
          sma: '0',
        },
        limitHeaders,
      );
    }
    if (request.path === '/v2/positions') {
      return this.#json(
        200,
        account.positions.map((p) => {
          const value = dec(p.qty).times(p.current_price);
          const cost = dec(p.qty).times(p.avg_entry_price);
          return {
            asset_id: `b0b6dd9d-8b9b-48a9-ba46-b9d54906e4${p.symbol.length.toString().padStart(2, '0')}`,
            symbol: p.symbol,
            exchange: p.asset_class === 'crypto' ? 'CRYPTO' : 'NASDAQ',
            asset_class: p.asset_class,
            asset_marginable: p.asset_class === 'us_equity',
            qty: p.qty,
            qty_available: p.qty,
            avg_entry_price: p.avg_entry_price,
            side: 'long',
            market_value: toDecimalString(value),
            cost_basis: toDecimalString(cost),
            unrealized_pl: toDecimalString(value.minus(cost)),
            unrealized_plpc: toDecimalString(value.minus(cost).div(cost).toSignificantDigits(10)),
            current_price: p.current_price,
            lastday_price: p.current_price,
            change_today: '0',
          };
        }),
        limitHeaders,
      );
    }
    if (request.path === '/v2/account/activities') {
      const q = request.query;
      const direction = q.get('direction') ?? 'desc';
      const pageSize = Math.min(100, Number(q.get('page_size') ?? 100));
      if (!['asc', 'desc'].includes(direction) || !Number.isInteger(pageSize) || pageSize < 1) {
        return this.#json(422, { code: 42210000, message: 'invalid direction or page_size' });
      }
      const types = q.get('activity_types')?.split(',');
      const timeOf = (a: AlpacaSimAccount['activities'][number]) => ('transaction_time' in a ? a.transaction_time : `${a.date}T00:00:00Z`);
      let list = account.activities.filter((a) => types === undefined || types.includes(a.activity_type));
      const after = q.get('after');
      if (after) list = list.filter((a) => timeOf(a) > after);
      list = [...list].sort((a, b) => a.id.localeCompare(b.id));
      if (direction === 'desc') list.reverse();
      const token = q.get('page_token');
      if (token) {
        const at = list.findIndex((a) => (direction === 'asc' ? a.id > token : a.id < token));
        list = at < 0 ? [] : list.slice(at);
      }
      return this.#json(200, list.slice(0, pageSize), limitHeaders);
    }
    return this.#json(404, { code: 40410000, message: 'endpoint not found' });
  }
}
