import { Decimal, dec, toDecimalString } from '@omnifolio/shared/money';
import type { BalanceRecord, PositionRecord } from '@omnifolio/shared/schemas';
import { assetRefOf } from '../ccxt/asset-kind.js';
import { amountValue, coinbaseUnreadable, isRecord } from './coinbase-raw.js';

/**
 * Coinbase balances from Coinbase's own strings.
 *
 * Wallets, `GET /api/v3/brokerage/accounts` → `accounts[]`, one per currency plus vaults:
 * `{ "uuid": "…", "currency": "BTC", "available_balance": { "value": "0.41235", "currency": "BTC" },
 *    "hold": { "value": "0.05", "currency": "BTC" }, "type": "ACCOUNT_TYPE_CRYPTO", … }`
 * free = `available_balance`, locked = `hold` (open orders, pending sends). Vaults
 * (`ACCOUNT_TYPE_VAULT`, funds behind a 48-hour withdrawal delay) are their own account.
 *
 * Perpetuals (INTX) collateral, `GET /api/v3/brokerage/intx/balances/{portfolio_uuid}` →
 * `portfolio_balances[0].balances[]`: `{ "asset": { "asset_name": "USDC" }, "quantity": "5000",
 * "hold": "120.5", "loan": "0", … }`: locked = `hold`, free = quantity − hold − loan, so a USDC
 * loan taken against other collateral shows as a negative balance rather than vanish. The open
 * positions' unrealized PnL (`GET …/intx/positions/{portfolio_uuid}`) is added to the collateral
 * of the currency it is in (`coinbaseWithUnrealizedPnl`): the account's equity, as every futures
 * wallet in Omnifolio counts it.
 */

export interface CoinbaseWallet {
  uuid: string;
  currency: string;
  available: string;
  hold: string;
  vault: boolean;
}

interface Context {
  asOf: string;
  fiatCodes: ReadonlySet<string>;
}

export function readCoinbaseWallets(rows: readonly unknown[]): CoinbaseWallet[] {
  return rows.map((row) => {
    if (!isRecord(row) || typeof row.uuid !== 'string' || typeof row.currency !== 'string') throw coinbaseUnreadable('the wallets');
    const available = amountValue(row.available_balance);
    const hold = amountValue(row.hold) ?? '0';
    if (available === undefined) throw coinbaseUnreadable(`the balance of the ${row.currency} wallet`);
    return { uuid: row.uuid, currency: row.currency, available, hold, vault: row.type === 'ACCOUNT_TYPE_VAULT' };
  });
}

/** One balance per account and currency (several wallets of one currency are added up), zero balances dropped. */
export function coinbaseWalletBalances(
  wallets: readonly CoinbaseWallet[],
  accountKeyOf: (wallet: CoinbaseWallet) => string,
  { asOf, fiatCodes }: Context,
): BalanceRecord[] {
  const sums = new Map<string, { accountKey: string; currency: string; free: Decimal; locked: Decimal }>();
  for (const wallet of wallets) {
    const accountKey = accountKeyOf(wallet);
    const key = `${accountKey}\u0000${wallet.currency}`;
    const sum = sums.get(key) ?? { accountKey, currency: wallet.currency, free: dec('0'), locked: dec('0') };
    sum.free = sum.free.plus(wallet.available);
    sum.locked = sum.locked.plus(wallet.hold);
    sums.set(key, sum);
  }
  return [...sums.values()]
    .filter((s) => !s.free.plus(s.locked).isZero())
    .map((s) => ({
      accountKey: s.accountKey,
      asset: assetRefOf(s.currency, fiatCodes),
      free: toDecimalString(s.free),
      locked: toDecimalString(s.locked),
      asOf,
    }));
}

/** A wallet only the v2 API lists: a staked balance ("Staked SOL"). */
export interface CoinbaseStakedWallet {
  uuid: string;
  currency: string;
  amount: string;
}

/**
 * The wallets of `GET /v2/accounts` that `GET /api/v3/brokerage/accounts` does not list, by id:
 * `{ "id": "ee4c…", "name": "Staked ADA", "balance": { "amount": "5.047160", "currency": "ADA" }, … }`.
 * v3 leaves staked balances out; v2 lists them as wallets of their own, next to the same wallets
 * v3 has (same ids), so only the ids v3 does not know are added, and nothing is counted twice.
 */
export function readCoinbaseStakedWallets(rows: readonly unknown[], known: ReadonlySet<string>): CoinbaseStakedWallet[] {
  return rows.flatMap((row) => {
    if (!isRecord(row) || typeof row.id !== 'string') throw coinbaseUnreadable('the v2 wallets');
    if (known.has(row.id)) return [];
    const balance = isRecord(row.balance) ? row.balance : undefined;
    if (balance === undefined || typeof balance.amount !== 'string' || typeof balance.currency !== 'string') {
      throw coinbaseUnreadable(`the balance of the ${String(row.name ?? row.id)} wallet`);
    }
    return [{ uuid: row.id, currency: balance.currency, amount: balance.amount }];
  });
}

/** Staked coins cannot be sold or sent until unstaked (days for most networks): all locked. */
export function coinbaseStakedBalances(wallets: readonly CoinbaseStakedWallet[], accountKey: string, { asOf, fiatCodes }: Context): BalanceRecord[] {
  const sums = new Map<string, Decimal>();
  for (const w of wallets) sums.set(w.currency, (sums.get(w.currency) ?? dec('0')).plus(w.amount));
  return [...sums.entries()]
    .filter(([, amount]) => !amount.isZero())
    .map(([currency, amount]) => ({ accountKey, asset: assetRefOf(currency, fiatCodes), free: '0', locked: toDecimalString(amount), asOf }));
}

export function coinbaseIntxBalances(body: unknown, accountKey: string, { asOf, fiatCodes }: Context): BalanceRecord[] {
  const portfolios = isRecord(body) ? body.portfolio_balances : undefined;
  if (!Array.isArray(portfolios)) throw coinbaseUnreadable('the perpetuals balances');
  const rows = portfolios.flatMap((p) => (isRecord(p) && Array.isArray(p.balances) ? p.balances : []));
  return rows
    .map((row): BalanceRecord => {
      const asset = isRecord(row) && isRecord(row.asset) ? row.asset.asset_name : undefined;
      if (!isRecord(row) || typeof asset !== 'string' || typeof row.quantity !== 'string') throw coinbaseUnreadable('the perpetuals balances');
      const hold = dec(typeof row.hold === 'string' && row.hold !== '' ? row.hold : '0');
      const loan = dec(typeof row.loan === 'string' && row.loan !== '' ? row.loan : '0');
      const locked = Decimal.max(dec('0'), hold);
      return {
        accountKey,
        asset: assetRefOf(asset, fiatCodes),
        free: toDecimalString(dec(row.quantity).minus(locked).minus(loan)),
        locked: toDecimalString(locked),
        asOf,
      };
    })
    .filter((b) => !dec(b.free).plus(b.locked).isZero());
}

/** Adds each open position's unrealized PnL to the free balance of its settlement currency. */
export function coinbaseWithUnrealizedPnl(
  balances: readonly BalanceRecord[],
  positions: readonly PositionRecord[],
  accountKey: string,
  { asOf, fiatCodes }: Context,
): BalanceRecord[] {
  const result = balances.map((b) => ({ ...b }));
  for (const position of positions) {
    if (position.unrealizedPnl === null || position.settleAsset === null || dec(position.unrealizedPnl).isZero()) continue;
    const settle = position.settleAsset;
    const balance = result.find((b) => b.accountKey === accountKey && b.asset.symbol === settle);
    if (balance === undefined) result.push({ accountKey, asset: assetRefOf(settle, fiatCodes), free: position.unrealizedPnl, locked: '0', asOf });
    else balance.free = toDecimalString(dec(balance.free).plus(position.unrealizedPnl));
  }
  return result.filter((b) => !dec(b.free).plus(b.locked).isZero());
}
