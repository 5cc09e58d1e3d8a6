import { coinbaseDemoAccount } from '../../../companion/src/simulators/coinbase/demo-account';
import type { DemoHoldings } from './demo-holdings';

interface IntxPosition {
  symbol: string;
  position_side: string;
  unrealized_pnl: { value: string; currency: string };
}

/**
 * The demo Coinbase account (simulators/coinbase/demo-account.ts). Every wallet, vaults
 * included: `available_balance` + `hold`; the staked wallets only v2 lists: `balance.amount`. International (INTX) perpetuals portfolios:
 * each collateral asset's `quantity` (the hold is part of it) less its `loan`, plus the open
 * positions' `unrealized_pnl` in its currency (USDC). US futures (CFM): the futures account's
 * `cfm_usd_balance` plus the summary's `unrealized_pnl`, in USD; its positions' `unrealized_pnl` in USD.
 */
export function coinbaseDemoHoldings(now: number): DemoHoldings {
  const account = coinbaseDemoAccount(now);
  const balances: DemoHoldings['balances'] = account.accounts.flatMap((wallet) => [
    { asset: wallet.currency, quantity: wallet.available_balance.value },
    { asset: wallet.currency, quantity: wallet.hold.value },
  ]);
  // Staked balances: wallets only the v2 API lists ("Staked SOL"), `balance.amount`.
  for (const wallet of account.stakedWallets) balances.push({ asset: wallet.balance.currency, quantity: wallet.balance.amount });
  for (const list of Object.values(account.intxBalances)) {
    for (const row of list) balances.push({ asset: row.asset.asset_name, quantity: row.quantity }, { asset: row.asset.asset_name, quantity: `-${row.loan}` });
  }
  const cfmUsd = (account.cfmBalanceSummary?.cfm_usd_balance as { value: string } | undefined)?.value;
  if (cfmUsd !== undefined) balances.push({ asset: 'USD', quantity: cfmUsd });
  const cfmUpnl = (account.cfmBalanceSummary?.unrealized_pnl as { value: string } | undefined)?.value;
  if (cfmUpnl !== undefined) balances.push({ asset: 'USD', quantity: cfmUpnl });
  const futures = account.cfmPositions.map((p) => ({
    symbol: p.product_id,
    side: p.side === 'SHORT' ? ('short' as const) : ('long' as const),
    unrealizedPnl: p.unrealized_pnl,
    settleAsset: 'USD',
  }));
  const perpetuals = Object.values(account.intxPositions)
    .flat()
    .map((raw) => raw as unknown as IntxPosition)
    .map((p) => ({
      symbol: p.symbol,
      side: p.position_side === 'POSITION_SIDE_SHORT' ? ('short' as const) : ('long' as const),
      unrealizedPnl: p.unrealized_pnl.value,
      settleAsset: p.unrealized_pnl.currency,
    }));
  for (const p of perpetuals) balances.push({ asset: p.settleAsset, quantity: p.unrealizedPnl });
  return { balances, positions: [...perpetuals, ...futures] };
}
