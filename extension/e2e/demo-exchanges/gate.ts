import { gateDemoAccount } from '../../../companion/src/simulators/gate/demo-account';
import type { DemoHoldings } from './demo-holdings';

/**
 * The demo Gate account (simulators/gate/demo-account.ts). Spot: `available` + `locked`.
 * Isolated margin, both sides of each pair: `available` + `locked` − `borrowed` − `interest`.
 * Legacy cross margin, per currency: `available` + `freeze` − `borrowed` − `interest`.
 * Futures per settle currency, and USDT delivery futures: the equity, `total` (the balance, which
 * on Gate leaves the open positions out) plus `unrealised_pnl`.
 * Options: the cash `total` plus `position_value`, the open options at mark (negative when sold).
 * Earn (Uni lending): `amount`, of which `frozen_amount` is being redeemed.
 */
export function gateDemoHoldings(now: number): DemoHoldings {
  const account = gateDemoAccount(now);
  const balances: DemoHoldings['balances'] = [];
  for (const row of account.spot) balances.push({ asset: row.currency, quantity: row.available }, { asset: row.currency, quantity: row.locked });
  for (const pair of account.margin) {
    for (const side of [pair.base, pair.quote]) {
      balances.push(
        { asset: side.currency, quantity: side.available },
        { asset: side.currency, quantity: side.locked },
        { asset: side.currency, quantity: `-${side.borrowed}` },
        { asset: side.currency, quantity: `-${side.interest}` },
      );
    }
  }
  for (const [currency, row] of Object.entries(account.crossMargin ?? {})) {
    balances.push(
      { asset: currency, quantity: row.available },
      { asset: currency, quantity: row.freeze },
      { asset: currency, quantity: `-${row.borrowed}` },
      { asset: currency, quantity: `-${row.interest}` },
    );
  }
  for (const wallet of [...Object.values(account.futures), account.delivery]) {
    if (wallet) balances.push({ asset: wallet.currency, quantity: wallet.total }, { asset: wallet.currency, quantity: wallet.unrealised_pnl });
  }
  if (account.options) {
    balances.push(
      { asset: account.options.currency, quantity: account.options.total },
      { asset: account.options.currency, quantity: account.options.position_value },
    );
  }
  for (const lend of account.lends) balances.push({ asset: lend.currency, quantity: lend.amount });
  const positions: DemoHoldings['positions'] = [];
  for (const [settle, list] of Object.entries(account.positions)) {
    for (const p of list ?? []) {
      if (p.size === 0) continue;
      positions.push({ symbol: p.contract, side: p.size < 0 ? 'short' : 'long', unrealizedPnl: p.unrealised_pnl, settleAsset: settle.toUpperCase() });
    }
  }
  for (const p of account.deliveryPositions ?? []) {
    if (p.size === 0) continue;
    positions.push({ symbol: p.contract, side: p.size < 0 ? 'short' : 'long', unrealizedPnl: p.unrealised_pnl, settleAsset: 'USDT' });
  }
  // Options settle in the quote of their underlying (BTC_USDT: USDT).
  for (const p of account.optionsPositions ?? []) {
    if (p.size === 0) continue;
    positions.push({
      symbol: p.contract,
      side: p.size < 0 ? 'short' : 'long',
      unrealizedPnl: p.unrealised_pnl,
      settleAsset: p.underlying.split('_')[1] ?? 'USDT',
    });
  }
  return { balances, positions };
}
