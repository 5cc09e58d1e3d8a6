import { dec, toDecimalString } from '@omnifolio/shared/money';
import type { ActivityRecord } from '@omnifolio/shared/schemas';
import type { CcxtSession } from '../ccxt/ccxt-session.js';
import { callImplicitApi } from '../ccxt/implicit-api.js';
import { timeWindowHistory } from '../ccxt/time-window-history.js';
import type { ActivityPage, ConnectorContext } from '../types.js';
import { BINANCE_ACCOUNTS } from './binance-accounts.js';
import { unreadable } from './binance-raw.js';

/**
 * Moves between the user's own Binance wallets, from the universal transfer history
 * `GET /sapi/v1/asset/transfer` (weight 1, IP):
 * `{ "total": 2, "rows": [{ "asset": "USDT", "amount": "1", "type": "MAIN_UMFUTURE", "status": "CONFIRMED",
 *    "tranId": 11415955596, "timestamp": 1544433328000 }] }` (`rows` is left out when `total` is 0).
 *
 * Binance answers one transfer `type` per request, keeps six months, accepts `startTime`/`endTime`
 * at most 30 days apart and pages inside them with `current` (from 1) and `size` (≤ 100). So each
 * type is its own forward walk (`time-window-history.ts`) with its own cursor
 * `wallet-transfers:<TYPE>:from`; a first sync reads the six months Binance keeps.
 *
 * Each transfer is two activities: `transfer` −amount in the wallet it left
 * (`transfer:<tranId>:out`) and +amount in the wallet it reached (`transfer:<tranId>:in`), so each
 * wallet's history adds up to its balance and the whole account sees no flow in or out. A pending
 * transfer holds its type's cursor until it settles; failed ones are not recorded. The futures
 * income history also lists these moves (`TRANSFER` rows) and skips them, so nothing is counted twice.
 *
 * Only transfers between wallets this connector reads are asked for. Not read: isolated margin
 * transfers (Binance wants the pair in `fromSymbol`/`toSymbol`, one walk per pair), Earn
 * subscriptions (not universal transfers), options and the other product wallets.
 */

const WALLET_ACCOUNTS = {
  MAIN: BINANCE_ACCOUNTS.spot.key,
  FUNDING: BINANCE_ACCOUNTS.funding.key,
  MARGIN: BINANCE_ACCOUNTS.margin.key,
  UMFUTURE: BINANCE_ACCOUNTS.usdm.key,
  CMFUTURE: BINANCE_ACCOUNTS.coinm.key,
} as const;

type BinanceWallet = keyof typeof WALLET_ACCOUNTS;

/**
 * Every universal transfer type Binance offers between two wallets the connector reads (there is
 * none between USDⓈ-M and COIN-M: such a move goes through spot).
 */
export const BINANCE_WALLET_TRANSFER_TYPES = [
  'MAIN_FUNDING',
  'FUNDING_MAIN',
  'MAIN_MARGIN',
  'MARGIN_MAIN',
  'MAIN_UMFUTURE',
  'UMFUTURE_MAIN',
  'MAIN_CMFUTURE',
  'CMFUTURE_MAIN',
  'FUNDING_MARGIN',
  'MARGIN_FUNDING',
  'FUNDING_UMFUTURE',
  'UMFUTURE_FUNDING',
  'FUNDING_CMFUTURE',
  'CMFUTURE_FUNDING',
  'MARGIN_UMFUTURE',
  'UMFUTURE_MARGIN',
  'MARGIN_CMFUTURE',
  'CMFUTURE_MARGIN',
] as const;

const DAY_MS = 86_400_000;
/** Binance: "Support query within the last 6 months only"; 180 days stays inside it on any calendar. */
const RETENTION_MS = 180 * DAY_MS;
const WINDOW_MS = 30 * DAY_MS;
const PAGE_SIZE = 100;
/** Transfers are read up to a minute ago, so a clock slightly ahead of Binance's cannot skip one. */
const SETTLE_MARGIN_MS = 60_000;

interface RawWalletTransfer {
  asset: string;
  amount: string;
  type: string;
  status: string;
  tranId: number | string;
  timestamp: number;
}

function isRawWalletTransfer(value: unknown): value is RawWalletTransfer {
  if (value === null || typeof value !== 'object') return false;
  const row = value as Record<string, unknown>;
  return (
    typeof row.asset === 'string' &&
    typeof row.amount === 'string' &&
    typeof row.type === 'string' &&
    typeof row.status === 'string' &&
    (typeof row.tranId === 'number' || typeof row.tranId === 'string') &&
    typeof row.timestamp === 'number'
  );
}

/** The accounts a transfer type moves between, or undefined for a type between wallets not read. */
export function walletTransferAccounts(type: string): { from: string; to: string } | undefined {
  const [from, to, ...rest] = type.split('_');
  if (rest.length > 0 || from === undefined || to === undefined || !(from in WALLET_ACCOUNTS) || !(to in WALLET_ACCOUNTS)) return undefined;
  return { from: WALLET_ACCOUNTS[from as BinanceWallet], to: WALLET_ACCOUNTS[to as BinanceWallet] };
}

/** The two sides of one confirmed transfer; nothing for a failed one or a type between wallets not read. */
export function binanceWalletTransferActivities(row: RawWalletTransfer): ActivityRecord[] {
  const accounts = walletTransferAccounts(row.type);
  if (accounts === undefined || row.status !== 'CONFIRMED') return [];
  const amount = dec(row.amount).abs();
  const side = (accountKey: string, direction: 'out' | 'in'): ActivityRecord => ({
    accountKey,
    providerRef: `transfer:${row.tranId}:${direction}`,
    type: 'transfer',
    executedAt: new Date(row.timestamp).toISOString(),
    asset: row.asset,
    quantity: toDecimalString(direction === 'out' ? amount.neg() : amount),
    quoteAsset: null,
    price: null,
    fee: null,
    feeAsset: null,
    raw: row,
  });
  return [side(accounts.from, 'out'), side(accounts.to, 'in')];
}

/** Every transfer of one type in [startTime, endTime], through `current`/`size` pages. */
async function transfersInWindow(session: CcxtSession, type: string, startTime: number, endTime: number): Promise<RawWalletTransfer[]> {
  const rows: RawWalletTransfer[] = [];
  for (let current = 1; ; current += 1) {
    const body = (await session.call((exchange) =>
      callImplicitApi(exchange, 'sapiGetAssetTransfer', { type, startTime, endTime, current, size: PAGE_SIZE }),
    )) as { total?: unknown; rows?: unknown } | null;
    const page = body?.rows ?? [];
    if (body === null || typeof body !== 'object' || typeof body.total !== 'number' || !Array.isArray(page) || !page.every(isRawWalletTransfer)) {
      throw unreadable(`the ${type} transfer history`);
    }
    rows.push(...page);
    if (page.length < PAGE_SIZE || rows.length >= body.total) return rows;
  }
}

export interface WalletTransferHistoryParameters {
  ctx: ConnectorContext;
  session: CcxtSession;
}

/**
 * One request per type and 30-day window (weight 1 each, against the 12 000 a minute of SAPI IP
 * weight): a first sync asks 18 types × 6 windows, a later one 18 requests. No weight budget is
 * consulted for that.
 */
export async function* binanceWalletTransferHistory({ ctx, session }: WalletTransferHistoryParameters): AsyncGenerator<ActivityPage> {
  const now = session.clock.now();
  for (const type of BINANCE_WALLET_TRANSFER_TYPES) {
    yield* timeWindowHistory<RawWalletTransfer>({
      cursorKey: `wallet-transfers:${type}`,
      cursors: ctx.cursors,
      earliestMs: now - RETENTION_MS,
      floorMs: now - RETENTION_MS,
      endMs: now - SETTLE_MARGIN_MS,
      windowMs: WINDOW_MS,
      fetchWindow: (from, to) => transfersInWindow(session, type, from, to),
      timestampOf: (row) => row.timestamp,
      isPending: (row) => row.status === 'PENDING',
      toActivity: binanceWalletTransferActivities,
      signal: ctx.signal,
    });
  }
}
