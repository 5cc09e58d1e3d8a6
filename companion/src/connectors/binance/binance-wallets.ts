import type { BalanceRecord, PositionRecord } from '@omnifolio/shared/schemas';
import { fiatCodesOf } from '../ccxt/asset-kind.js';
import type { CcxtSession } from '../ccxt/ccxt-session.js';
import { callImplicitApi } from '../ccxt/implicit-api.js';
import { BINANCE_ACCOUNTS } from './binance-accounts.js';
import { binanceBalances } from './binance-balances.js';
import { binanceIsolatedMarginBalances } from './binance-isolated-margin-balances.js';
import { type BinanceFuturesKind, binancePositions } from './binance-positions.js';
import { unreadable } from './binance-raw.js';
import { binanceCrossMarginBalances, binanceEarnBalances, binanceFundingBalances, binanceFuturesWalletBalances } from './binance-wallet-balances.js';

/**
 * Reads every Binance wallet through ccxt's implicit API (raw bodies, exact strings):
 *
 * | wallet        | endpoint                                         | weight        |
 * | ------------- | ------------------------------------------------ | ------------- |
 * | spot          | GET /api/v3/account?omitZeroBalances=true        | 20            |
 * | funding       | POST /sapi/v1/asset/get-funding-asset            | 1 (IP)        |
 * | cross margin  | GET /sapi/v1/margin/account                      | 10 (IP)       |
 * | isolated margin | GET /sapi/v1/margin/isolated/account           | 10 (IP)       |
 * | USDⓈ-M        | GET /fapi/v2/account, GET /fapi/v2/positionRisk  | 5 + 5         |
 * | COIN-M        | GET /dapi/v1/account, GET /dapi/v1/positionRisk  | 5 + 1         |
 * | Simple Earn   | GET /sapi/v1/simple-earn/{flexible,locked}/position | 150 each per page of 100 |
 *
 * A wallet the user never opened is not an error: Binance answers -3003 for a margin account
 * that does not exist (-11001 for an isolated one) and -2015 or -4109 on futures when there is no futures account (or the key
 * was created before it was opened). Those wallets are reported empty, and `test()` warns about
 * futures a key cannot read.
 */

/** Binance codes that mean "this wallet does not exist for you" rather than a failure. */
const ABSENT_WALLET_CODES: Record<string, readonly string[]> = {
  margin: ['-3003'],
  isolated: ['-3003', '-11001'],
  usdm: ['-2015', '-4109'],
  coinm: ['-2015', '-4109'],
};

export interface WalletRead<T> {
  value: T;
  /** Set when the wallet could not be read because it does not exist for this account or key. */
  absent?: string;
}

/** The Binance code of an error that means the wallet does not exist for this account or key, if it is one. */
export function absentWalletCode(wallet: keyof typeof ABSENT_WALLET_CODES, error: unknown): string | undefined {
  const code = /"code"\s*:\s*(-?\d+)/.exec(error instanceof Error ? error.message : '')?.[1];
  return code !== undefined && ABSENT_WALLET_CODES[wallet]?.includes(code) ? code : undefined;
}

export async function optionalWallet(
  session: CcxtSession,
  wallet: keyof typeof ABSENT_WALLET_CODES,
  method: string,
  params?: object,
): Promise<WalletRead<unknown>> {
  return session.call(async (exchange) => {
    try {
      return { value: await callImplicitApi(exchange, method, params) };
    } catch (error) {
      const code = absentWalletCode(wallet, error);
      if (code !== undefined) return { value: undefined, absent: code };
      throw error;
    }
  });
}

const implicit = (session: CcxtSession, method: string, params?: object): Promise<unknown> =>
  session.call((exchange) => callImplicitApi(exchange, method, params));

const EARN_PAGE_SIZE = 100;

/** Walks `{ rows, total }` pages of a Simple Earn position list (`current` from 1, `size` ≤ 100). */
async function earnRows(session: CcxtSession, method: string): Promise<unknown[]> {
  const rows: unknown[] = [];
  for (let current = 1; ; current += 1) {
    const body = (await implicit(session, method, { current, size: EARN_PAGE_SIZE })) as { rows?: unknown; total?: unknown } | null;
    if (body === null || typeof body !== 'object' || !Array.isArray(body.rows) || typeof body.total !== 'number') throw unreadable('the Simple Earn positions');
    rows.push(...body.rows);
    if (body.rows.length < EARN_PAGE_SIZE || rows.length >= body.total) return rows;
  }
}

export interface BinanceWalletsResult {
  balances: BalanceRecord[];
  /** Wallet → why it was reported empty. */
  absent: Partial<Record<'margin' | 'isolated' | 'usdm' | 'coinm', string>>;
}

export async function readBinanceWallets(session: CcxtSession): Promise<BinanceWalletsResult> {
  await session.loadMarkets();
  const asOf = new Date(session.clock.now()).toISOString();
  const fiatCodes = fiatCodesOf(session.exchange.options);
  const context = (accountKey: string) => ({ accountKey, asOf, fiatCodes });
  const absent: BinanceWalletsResult['absent'] = {};

  const spotBody = await session.call((exchange) => exchange.fetchBalance({ omitZeroBalances: true }));
  const flexible = await earnRows(session, 'sapiGetSimpleEarnFlexiblePosition');
  const locked = await earnRows(session, 'sapiGetSimpleEarnLockedPosition');
  const earn = binanceEarnBalances(flexible, locked, context(BINANCE_ACCOUNTS.earn.key));
  // Binance mirrors flexible Earn into the spot account as `LD<asset>` (LDUSDT); Earn reports it already.
  const flexibleAssets = new Set(flexible.map((row) => (row as { asset: string }).asset));
  const spot = binanceBalances({ account: spotBody.info, accountKey: BINANCE_ACCOUNTS.spot.key, asOf, fiatCodes }).filter(
    (balance) => !(balance.asset.symbol.startsWith('LD') && flexibleAssets.has(balance.asset.symbol.slice(2))),
  );

  const funding = binanceFundingBalances(await implicit(session, 'sapiPostAssetGetFundingAsset', {}), context(BINANCE_ACCOUNTS.funding.key));

  const margin = await optionalWallet(session, 'margin', 'sapiGetMarginAccount');
  if (margin.absent !== undefined) absent.margin = margin.absent;
  const marginBalances = margin.absent === undefined ? binanceCrossMarginBalances(margin.value, context(BINANCE_ACCOUNTS.margin.key)) : [];

  const isolated = await optionalWallet(session, 'isolated', 'sapiGetMarginIsolatedAccount');
  if (isolated.absent !== undefined) absent.isolated = isolated.absent;
  const isolatedBalances = isolated.absent === undefined ? binanceIsolatedMarginBalances(isolated.value, context(BINANCE_ACCOUNTS.isolated.key)) : [];

  const futures: BalanceRecord[] = [];
  for (const [kind, method] of [
    ['usdm', 'fapiPrivateV2GetAccount'],
    ['coinm', 'dapiPrivateGetAccount'],
  ] as const) {
    const read = await optionalWallet(session, kind, method);
    if (read.absent !== undefined) absent[kind] = read.absent;
    else futures.push(...binanceFuturesWalletBalances(read.value, context(BINANCE_ACCOUNTS[kind].key)));
  }

  return { balances: [...spot, ...funding, ...marginBalances, ...isolatedBalances, ...futures, ...earn], absent };
}

export async function readBinancePositions(session: CcxtSession): Promise<PositionRecord[]> {
  const asOf = new Date(session.clock.now()).toISOString();
  const positions: PositionRecord[] = [];
  for (const [kind, method] of [
    ['usdm', 'fapiPrivateV2GetPositionRisk'],
    ['coinm', 'dapiPrivateGetPositionRisk'],
  ] as const satisfies readonly (readonly [BinanceFuturesKind, string])[]) {
    const read = await optionalWallet(session, kind, method);
    if (read.absent === undefined) positions.push(...binancePositions({ kind, rows: read.value, accountKey: BINANCE_ACCOUNTS[kind].key, asOf }));
  }
  return positions;
}

/** The sentence `test()` shows for a wallet that could not be read. */
export function absentWalletWarning(wallet: 'usdm' | 'coinm'): string {
  const name = wallet === 'usdm' ? 'USDⓈ-M' : 'COIN-M';
  return `This key cannot read ${name} futures. If you trade futures, create a new read-only key after opening the futures account (Binance gives older keys no futures access); otherwise ignore this.`;
}
