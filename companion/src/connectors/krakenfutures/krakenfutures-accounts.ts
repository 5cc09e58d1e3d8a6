import { Decimal, dec, toDecimalString } from '@omnifolio/shared/money';
import type { BalanceRecord } from '@omnifolio/shared/schemas';
import { assetRefOf } from '../ccxt/asset-kind.js';
import type { AccountSpec } from '../types.js';
import { decimalOf, isRecord, krakenFuturesAsset, krakenFuturesUnreadable, type RawRecord } from './krakenfutures-raw.js';

/**
 * `GET /derivatives/api/v3/accounts` (cost 2), read losslessly:
 * ```
 * { "result": "success", "accounts": {
 *     "cash": { "type": "cashAccount", "balances": { "xbt": 0.03, "eth": 1.25 } },
 *     "fi_xbtusd": { "type": "marginAccount", "currency": "xbt",
 *                    "balances": { "pi_xbtusd": -1000, "xbt": 0.0199933679 },
 *                    "auxiliary": { "pv": 0.0197458588, "pnl": -0.0002475091, "af": 0.0192025, … }, … },
 *     "flex": { "type": "multiCollateralMarginAccount",
 *               "currencies": { "XBT": { "quantity": 0.05, "value": 4602.87, "collateral": 4510.8126, "available": 0.05 }, … },
 *               "portfolioValue": 21041.7696, "balanceValue": 19731.1446, "totalUnrealized": 1310.625, … } } }
 * ```
 * Each account is an Omnifolio account of its own, keyed by Kraken's name: the cash account
 * (holding wallet, where transfers from Kraken spot arrive), the multi-collateral `flex` account,
 * and every single-collateral margin account (`fi_xbtusd`: inverse contracts margined in bitcoin).
 *
 * Balances are cash: a margin account's `balances` also lists its contracts' sizes (`pi_xbtusd`),
 * which are positions, not holdings, and are skipped (currency keys have no underscore); the open
 * positions' unrealized PnL (`pnl`, `totalUnrealized`) is on the positions, never in a balance, so
 * portfolio value is not counted twice. In `flex`, what is not `available` (margin held by
 * positions and orders) is locked; a negative quantity (a deficit after losses) stays negative.
 */
export function krakenFuturesAccountsOf(body: RawRecord): RawRecord {
  const accounts = body.accounts;
  if (!isRecord(accounts) || !Object.values(accounts).every(isRecord)) throw krakenFuturesUnreadable('the accounts');
  return accounts;
}

const TYPES: Record<string, 'cashAccount' | 'multiCollateralMarginAccount' | 'marginAccount'> = {
  cashAccount: 'cashAccount',
  multiCollateralMarginAccount: 'multiCollateralMarginAccount',
  marginAccount: 'marginAccount',
};

function typeOf(key: string, account: unknown): string {
  const type = isRecord(account) && typeof account.type === 'string' ? TYPES[account.type] : undefined;
  if (type === undefined) throw krakenFuturesUnreadable(`the type of the account ${key}`);
  return type;
}

/** `fi_xbtusd` → "XBT/USD inverse"; `fv_xrpxbt` → "XRP/XBT vanilla". */
function marginAccountName(key: string): string {
  const [kind, pair = ''] = key.split('_');
  const pairName = pair.length > 3 ? `${pair.slice(0, 3)}/${pair.slice(3)}`.toUpperCase() : pair.toUpperCase();
  return `Kraken Futures ${pairName} ${kind === 'fv' ? 'vanilla' : 'inverse'} (single-collateral)`;
}

export function krakenFuturesAccountSpecs(accounts: RawRecord): AccountSpec[] {
  const specs: AccountSpec[] = [];
  const margin: AccountSpec[] = [];
  for (const [key, account] of Object.entries(accounts)) {
    const type = typeOf(key, account);
    if (type === 'cashAccount') specs.unshift({ key, type: 'funding', name: 'Kraken Futures Cash' });
    else if (type === 'multiCollateralMarginAccount') specs.push({ key, type: 'futures', name: 'Kraken Futures Multi-Collateral' });
    else margin.push({ key, type: 'futures', name: marginAccountName(key) });
  }
  return [...specs, ...margin.sort((a, b) => a.key.localeCompare(b.key))];
}

export function krakenFuturesBalances(accounts: RawRecord, asOf: string, fiatCodes: ReadonlySet<string>): BalanceRecord[] {
  const balances: BalanceRecord[] = [];
  const push = (accountKey: string, code: string, free: Decimal, locked: Decimal) => {
    if (free.plus(locked).isZero()) return;
    balances.push({ accountKey, asset: assetRefOf(krakenFuturesAsset(code), fiatCodes), free: toDecimalString(free), locked: toDecimalString(locked), asOf });
  };
  for (const [key, account] of Object.entries(accounts) as [string, RawRecord][]) {
    const type = typeOf(key, account);
    if (type === 'multiCollateralMarginAccount') {
      if (!isRecord(account.currencies)) throw krakenFuturesUnreadable('the multi-collateral currencies');
      for (const [code, row] of Object.entries(account.currencies)) {
        const quantity = isRecord(row) ? decimalOf(row.quantity) : undefined;
        if (quantity === undefined || !isRecord(row)) throw krakenFuturesUnreadable(`the multi-collateral ${code}`);
        const total = dec(quantity);
        const available = decimalOf(row.available);
        // Margin held by positions and orders is what is not available; never more than the whole, never below zero.
        const locked = total.isPositive() && available !== undefined ? Decimal.min(Decimal.max(total.minus(available), dec('0')), total) : dec('0');
        push(key, code, total.minus(locked), locked);
      }
      continue;
    }
    if (!isRecord(account.balances)) throw krakenFuturesUnreadable(`the balances of ${key}`);
    for (const [code, value] of Object.entries(account.balances)) {
      // A margin account's balances also hold its contracts' sizes (`pi_xbtusd`, `fi_xbtusd_250926`): positions, not coins.
      if (code.includes('_')) continue;
      const quantity = decimalOf(value);
      if (quantity === undefined) throw krakenFuturesUnreadable(`the ${code} balance of ${key}`);
      push(key, code, dec(quantity), dec('0'));
    }
  }
  return balances;
}
