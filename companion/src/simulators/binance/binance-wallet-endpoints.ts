import { dec } from '@omnifolio/shared/money';
import type { SimulatorRequest, SimulatorResponse } from '../framework/simulator-server.js';
import { marginTransferHistory } from './binance-isolated-transfers.js';
import type { BinanceSimAccount, BinanceWireFuturesState } from './binance-sim-account.js';
import { walletTransferHistory } from './binance-wallet-transfers.js';

/**
 * Binance's wallet, futures and Earn endpoints for the simulator, with Binance's published
 * weights and its own answers where a client can get something wrong:
 *
 * - `/sapi/v1/margin/account` answers -3003 when the account never opened margin;
 * - `/sapi/v1/margin/isolated/account` lists the isolated pairs (an empty list when there are none);
 * - `/sapi/v1/asset/transfer` (binance-wallet-transfers.ts) wants a `type`, 30-day windows, pages;
 * - `/sapi/v1/margin/transfer` (binance-isolated-transfers.ts) answers one isolated pair, 30-day windows, pages;
 * - fapi/dapi answer -2015 when the key cannot read futures;
 * - Simple Earn pages with `current` (from 1) and `size` (≤ 100) and says `total`;
 * - income keeps three months on USDⓈ-M (older rows are gone), answers the last 7 days without
 *   times, returns rows oldest first from `startTime` (inclusive), `limit` ≤ 1000, and refuses a
 *   COIN-M window longer than a year.
 */

export type WalletWeightCounter = 'sapiIp' | 'sapiUid' | 'fapi' | 'dapi';

export interface WalletEndpoint {
  weight: (query: URLSearchParams) => number;
  counter: WalletWeightCounter;
  signed: true;
  handle: (request: SimulatorRequest, account: BinanceSimAccount | undefined) => SimulatorResponse;
}

const DAY_MS = 86_400_000;
const CONVERT_WINDOW_MS = 30 * DAY_MS;
const USDM_INCOME_RETENTION_MS = 90 * DAY_MS;
const COINM_INCOME_WINDOW_MS = 365 * DAY_MS;

const error = (code: number, msg: string) => ({ code, msg });
const ok = (json: unknown): SimulatorResponse => ({ status: 200, json });

function must(account: BinanceSimAccount | undefined): BinanceSimAccount {
  if (account === undefined) throw new Error('A signed endpoint ran without an authenticated account.');
  return account;
}

const EMPTY_FUTURES: BinanceWireFuturesState = { assets: [], positions: [], income: [] };

function futures(account: BinanceSimAccount, kind: 'usdm' | 'coinm'): BinanceWireFuturesState | SimulatorResponse {
  if (account.futuresUnavailable) return { status: 401, json: error(-2015, 'Invalid API-key, IP, or permissions for action, request ip: 127.0.0.1') };
  return account[kind] ?? EMPTY_FUTURES;
}

const isResponse = (value: BinanceWireFuturesState | SimulatorResponse): value is SimulatorResponse => 'status' in value;

function futuresAccount(account: BinanceSimAccount, kind: 'usdm' | 'coinm', now: number): SimulatorResponse {
  const state = futures(account, kind);
  if (isResponse(state)) return state;
  const sum = (field: 'walletBalance' | 'unrealizedProfit' | 'marginBalance') =>
    state.assets
      .filter((a) => a.asset === 'USDT')
      .reduce((total, a) => total.plus(a[field]), dec('0'))
      .toFixed(8);
  const body =
    kind === 'usdm'
      ? {
          feeTier: 0,
          canTrade: true,
          canDeposit: true,
          canWithdraw: true,
          updateTime: 0,
          multiAssetsMargin: false,
          tradeGroupId: -1,
          // Binance totals USDⓈ-M in USDT; the simulator only needs them plausible.
          totalWalletBalance: sum('walletBalance'),
          totalUnrealizedProfit: sum('unrealizedProfit'),
          totalMarginBalance: sum('marginBalance'),
          assets: state.assets,
          positions: [],
        }
      : { feeTier: 0, canTrade: true, canDeposit: true, canWithdraw: true, updateTime: now, assets: state.assets, positions: [] };
  return ok(body);
}

function futuresIncome(request: SimulatorRequest, account: BinanceSimAccount, kind: 'usdm' | 'coinm'): SimulatorResponse {
  const state = futures(account, kind);
  if (isResponse(state)) return state;
  const q = request.query;
  const limit = q.has('limit') ? Number(q.get('limit')) : 100;
  if (!Number.isInteger(limit) || limit < 1 || limit > 1000) return { status: 400, json: error(-1130, "Data sent for parameter 'limit' is not valid.") };
  const startTime = q.has('startTime') ? Number(q.get('startTime')) : undefined;
  const endTime = q.has('endTime') ? Number(q.get('endTime')) : undefined;
  if (kind === 'coinm' && startTime !== undefined && endTime !== undefined && endTime - startTime > COINM_INCOME_WINDOW_MS) {
    return { status: 400, json: error(-4166, 'Search window is restricted to recent 365 days only.') };
  }
  const from = startTime ?? (endTime === undefined ? request.now - 7 * DAY_MS : 0);
  const to = endTime ?? request.now;
  const retainedFrom = kind === 'usdm' ? request.now - USDM_INCOME_RETENTION_MS : 0;
  const rows = state.income
    .filter((row) => row.time >= Math.max(from, retainedFrom) && row.time <= to)
    .filter((row) => !q.has('incomeType') || row.incomeType === q.get('incomeType'))
    .filter((row) => !q.has('symbol') || row.symbol === q.get('symbol'))
    .sort((a, b) => a.time - b.time || Number(a.tranId) - Number(b.tranId));
  return ok(rows.slice(0, limit));
}

function earnPage(request: SimulatorRequest, rows: readonly Record<string, unknown>[]): SimulatorResponse {
  const current = request.query.has('current') ? Number(request.query.get('current')) : 1;
  const size = request.query.has('size') ? Number(request.query.get('size')) : 10;
  if (!Number.isInteger(size) || size < 1 || size > 100) return { status: 400, json: error(-1130, "Data sent for parameter 'size' is not valid.") };
  if (!Number.isInteger(current) || current < 1) return { status: 400, json: error(-1130, "Data sent for parameter 'current' is not valid.") };
  return ok({ rows: rows.slice((current - 1) * size, current * size), total: rows.length });
}

function convertTradeFlow(request: SimulatorRequest, account: BinanceSimAccount): SimulatorResponse {
  const q = request.query;
  if (!q.has('startTime') || !q.has('endTime')) {
    return {
      status: 400,
      json: error(-1102, `Mandatory parameter '${q.has('startTime') ? 'endTime' : 'startTime'}' was not sent, was empty/null, or malformed.`),
    };
  }
  const startTime = Number(q.get('startTime'));
  const endTime = Number(q.get('endTime'));
  if (endTime - startTime > CONVERT_WINDOW_MS) return { status: 400, json: error(-1127, 'More than 30 days between startTime and endTime.') };
  const limit = q.has('limit') ? Number(q.get('limit')) : 100;
  if (!Number.isInteger(limit) || limit < 1 || limit > 1000) return { status: 400, json: error(-1130, "Data sent for parameter 'limit' is not valid.") };
  const rows = (account.converts ?? []).filter((c) => c.createTime >= startTime && c.createTime <= endTime).sort((a, b) => a.createTime - b.createTime);
  return ok({ list: rows.slice(0, limit), startTime, endTime, limit, moreData: rows.length > limit });
}

const NO_ISOLATED_PAIRS = { assets: [], totalAssetOfBtc: '0.00000000', totalLiabilityOfBtc: '0.00000000', totalNetAssetOfBtc: '0.00000000' };

/** With `symbols` (at most 5) Binance answers only those pairs and leaves out the BTC totals. */
function isolatedMarginAccount(request: SimulatorRequest, account: BinanceSimAccount): SimulatorResponse {
  const body = account.isolatedMargin ?? NO_ISOLATED_PAIRS;
  const wanted = request.query.get('symbols');
  if (wanted === null) return ok(body);
  const symbols = wanted.split(',');
  if (symbols.length > 5) return { status: 400, json: error(-1128, 'Combination of optional parameters invalid.') };
  return ok({ assets: body.assets.filter((pair) => symbols.includes(pair.symbol)) });
}

export function binanceWalletEndpoints(): Record<string, WalletEndpoint> {
  return {
    // Binance: "Weight(UID): 3000".
    'GET /sapi/v1/convert/tradeFlow': {
      weight: () => 3_000,
      counter: 'sapiUid',
      signed: true,
      handle: (request, account) => convertTradeFlow(request, must(account)),
    },
    // Binance: "Weight(IP): 1".
    'GET /sapi/v1/asset/transfer': {
      weight: () => 1,
      counter: 'sapiIp',
      signed: true,
      handle: (request, account) => walletTransferHistory(request, must(account)),
    },
    // Binance: "Request Weight 1(IP)" (https://developers.binance.com/docs/margin_trading/transfer).
    'GET /sapi/v1/margin/transfer': {
      weight: () => 1,
      counter: 'sapiIp',
      signed: true,
      handle: (request, account) => marginTransferHistory(request, must(account)),
    },
    'GET /sapi/v1/asset/dribblet': {
      weight: () => 1,
      counter: 'sapiIp',
      signed: true,
      handle: (_request, account) => {
        const dust = (must(account).dust ?? []).slice(0, 100);
        return ok({ total: dust.length, userAssetDribblets: dust });
      },
    },
    'POST /sapi/v1/asset/get-funding-asset': {
      weight: () => 1,
      counter: 'sapiIp',
      signed: true,
      handle: (request, account) => {
        const asset = new URLSearchParams(request.body).get('asset') ?? request.query.get('asset');
        return ok((must(account).funding ?? []).filter((row) => asset === null || row.asset === asset));
      },
    },
    'GET /sapi/v1/margin/account': {
      weight: () => 10,
      counter: 'sapiIp',
      signed: true,
      handle: (_request, account) => {
        const userAssets = must(account).crossMargin;
        if (userAssets === undefined) return { status: 400, json: error(-3003, 'Margin account does not exist.') };
        return ok({
          borrowEnabled: true,
          marginLevel: '999.00000000',
          created: true,
          tradeEnabled: true,
          transferInEnabled: true,
          transferOutEnabled: true,
          accountType: 'MARGIN_1',
          userAssets,
        });
      },
    },
    // Binance: "Weight(IP): 10" (without `symbols`; the connector never filters).
    'GET /sapi/v1/margin/isolated/account': {
      weight: () => 10,
      counter: 'sapiIp',
      signed: true,
      handle: (request, account) => isolatedMarginAccount(request, must(account)),
    },
    'GET /sapi/v1/simple-earn/flexible/position': {
      weight: () => 150,
      counter: 'sapiIp',
      signed: true,
      handle: (request, account) => earnPage(request, must(account).earnFlexible ?? []),
    },
    'GET /sapi/v1/simple-earn/locked/position': {
      weight: () => 150,
      counter: 'sapiIp',
      signed: true,
      handle: (request, account) => earnPage(request, must(account).earnLocked ?? []),
    },
    'GET /fapi/v2/account': {
      weight: () => 5,
      counter: 'fapi',
      signed: true,
      handle: (request, account) => futuresAccount(must(account), 'usdm', request.now),
    },
    'GET /fapi/v2/positionRisk': {
      weight: () => 5,
      counter: 'fapi',
      signed: true,
      handle: (_request, account) => {
        const state = futures(must(account), 'usdm');
        return isResponse(state) ? state : ok(state.positions);
      },
    },
    'GET /fapi/v1/income': { weight: () => 30, counter: 'fapi', signed: true, handle: (request, account) => futuresIncome(request, must(account), 'usdm') },
    'GET /dapi/v1/account': {
      weight: () => 5,
      counter: 'dapi',
      signed: true,
      handle: (request, account) => futuresAccount(must(account), 'coinm', request.now),
    },
    'GET /dapi/v1/positionRisk': {
      weight: () => 1,
      counter: 'dapi',
      signed: true,
      handle: (_request, account) => {
        const state = futures(must(account), 'coinm');
        return isResponse(state) ? state : ok(state.positions);
      },
    },
    'GET /dapi/v1/income': { weight: () => 20, counter: 'dapi', signed: true, handle: (request, account) => futuresIncome(request, must(account), 'coinm') },
  };
}
