import { blofinDemoAccount } from '../../../companion/src/simulators/blofin/demo-account';
import type { DemoHoldings } from './demo-holdings';

/**
 * The demo BloFin account (simulators/blofin/demo-account.ts). Every wallet (funding, spot,
 * futures, Earn, copy trading): `balance`, the cash balance, in BloFin's 18-decimal strings; the
 * futures balance excludes the open positions' unrealized PnL (`unrealizedPnl` on each
 * position), so positions add nothing to the total. Positions settle in USDT; `positions` is
 * negative for a short in net mode.
 */
export function blofinDemoHoldings(now: number): DemoHoldings {
  const account = blofinDemoAccount(now);
  return {
    balances: Object.values(account.balances).flatMap((rows) => rows.map((row) => ({ asset: row.currency, quantity: row.balance }))),
    positions: account.positions.map((p) => ({
      symbol: p.instId,
      side: p.positionSide === 'short' || (p.positionSide === 'net' && p.positions.startsWith('-')) ? ('short' as const) : ('long' as const),
      unrealizedPnl: p.unrealizedPnl,
      settleAsset: 'USDT',
    })),
  };
}
