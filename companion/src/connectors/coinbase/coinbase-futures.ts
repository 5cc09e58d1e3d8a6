import { Decimal, dec, toDecimalString } from '@omnifolio/shared/money';
import type { BalanceRecord, PositionRecord } from '@omnifolio/shared/schemas';
import { assetRefOf } from '../ccxt/asset-kind.js';
import { amountValue, coinbaseUnreadable, isRecord } from './coinbase-raw.js';

/**
 * Coinbase US derivatives (Coinbase Financial Markets, "CFM"), a futures account apart from the
 * spot wallets, for US users.
 *
 * Balance, `GET /api/v3/brokerage/cfm/balance_summary` → `balance_summary`:
 * `{ "cfm_usd_balance": { "value": "1850.25", "currency": "USD" }, "initial_margin": { "value": "612.4" }, … }`.
 * The futures account holds USD only: total = `cfm_usd_balance` + `unrealized_pnl` (the balance is
 * settled twice a day; the open positions' gain or loss since then is part of what the account is
 * worth, as every futures wallet in Omnifolio counts it), locked = the initial margin the open
 * positions tie up (at most the total), free = the rest. (`cbi_usd_balance` is the spot USD
 * wallet, already read with the wallets; `total_usd_balance` adds both and is not used.)
 *
 * Positions, `GET /api/v3/brokerage/cfm/positions`: `{ "product_id": "BIT-24DEC26-CDE", "side": "LONG",
 * "number_of_contracts": "3", "avg_entry_price": "90500", "current_price": "92110", "unrealized_pnl": "48.3", … }`
 * with each product's `future_product_details.contract_size` (`GET /api/v3/brokerage/products/{id}`:
 * nano Bitcoin 0.01 BTC, nano Ether 0.1 ETH): size in the coin = contracts × contract size, notional
 * = size × current price, in USD. CFM margins the whole account, not each position: leverage,
 * margin and liquidation price per position are not given (null).
 */

export interface CoinbaseFutureProduct {
  contractSize: string;
}

export function readCoinbaseFutureProduct(body: unknown, productId: string): CoinbaseFutureProduct {
  const details = isRecord(body) && isRecord(body.future_product_details) ? body.future_product_details : undefined;
  if (details === undefined || typeof details.contract_size !== 'string' || details.contract_size === '')
    throw coinbaseUnreadable(`the contract size of ${productId}`);
  return { contractSize: details.contract_size };
}

export function coinbaseCfmBalances(summary: Record<string, unknown>, accountKey: string, asOf: string, fiatCodes: ReadonlySet<string>): BalanceRecord[] {
  const balance = amountValue(summary.cfm_usd_balance);
  if (balance === undefined) throw coinbaseUnreadable('the futures account balance');
  const total = dec(balance).plus(amountValue(summary.unrealized_pnl) ?? '0');
  const locked = Decimal.max(dec('0'), Decimal.min(total, dec(amountValue(summary.initial_margin) ?? '0')));
  if (total.isZero()) return [];
  return [{ accountKey, asset: assetRefOf('USD', fiatCodes), free: toDecimalString(total.minus(locked)), locked: toDecimalString(locked), asOf }];
}

const FIELDS = ['product_id', 'side', 'number_of_contracts', 'current_price', 'avg_entry_price', 'unrealized_pnl'] as const;

export function coinbaseCfmPositions(
  rows: readonly unknown[],
  products: ReadonlyMap<string, CoinbaseFutureProduct>,
  accountKey: string,
  asOf: string,
): PositionRecord[] {
  return rows
    .map((row) => {
      if (!isRecord(row) || !FIELDS.every((f) => typeof row[f] === 'string')) throw coinbaseUnreadable('an open futures position');
      return row as Record<(typeof FIELDS)[number], string>;
    })
    .filter((row) => row.number_of_contracts !== '' && !dec(row.number_of_contracts).isZero())
    .map((row): PositionRecord => {
      const product = products.get(row.product_id);
      if (product === undefined) throw coinbaseUnreadable(`the contract size of ${row.product_id}`);
      const contracts = dec(row.number_of_contracts).abs();
      const size = contracts.mul(product.contractSize);
      const orNull = (value: string) => (value === '' ? null : toDecimalString(value));
      return {
        accountKey,
        symbol: row.product_id,
        side: row.side === 'SHORT' ? 'short' : 'long',
        contracts: toDecimalString(contracts),
        sizeInBase: toDecimalString(size),
        entryPrice: orNull(row.avg_entry_price),
        markPrice: orNull(row.current_price),
        notional: row.current_price === '' ? null : toDecimalString(size.mul(row.current_price)),
        unrealizedPnl: orNull(row.unrealized_pnl),
        leverage: null,
        liquidationPrice: null,
        marginMode: 'cross',
        margin: null,
        settleAsset: 'USD',
        asOf,
      };
    });
}
