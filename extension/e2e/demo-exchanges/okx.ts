import { okxDemoAccount } from '../../../companion/src/simulators/okx/demo-account';
import type { DemoHoldings } from './demo-holdings';

/**
 * The demo OKX account (simulators/okx/demo-account.ts). Trading account: `eq`, OKX's equity of
 * the currency (cash plus the unrealized PnL of its cross positions, minus loans). Funding
 * account: `bal`. Simple Earn: `amt`; On-chain Earn: the orders' `investData`. Positions carry `upl`
 * in their margin currency `ccy`.
 */
export function okxDemoHoldings(now: number): DemoHoldings {
  const account = okxDemoAccount(now);
  return {
    balances: [
      ...account.trading.map((row) => ({ asset: row.ccy, quantity: row.eq })),
      ...account.funding.map((row) => ({ asset: row.ccy, quantity: row.bal })),
      // Simple Earn: `amt`, interest included. On-chain Earn: what each active order invested.
      ...(account.savings ?? []).map((row) => ({ asset: row.ccy, quantity: row.amt })),
      ...(account.stakingOrders ?? []).flatMap((order) => order.investData.map((row) => ({ asset: row.ccy, quantity: row.amt }))),
    ],
    positions: account.positions.map((p) => {
      const field = (key: string): string => {
        const value = p[key];
        if (value === undefined) throw new Error(`The demo OKX position ${p.instId ?? '?'} has no ${key}.`);
        return value;
      };
      const netShort = field('posSide') === 'net' && field('pos').startsWith('-');
      return {
        symbol: field('instId'),
        side: field('posSide') === 'short' || netShort ? ('short' as const) : ('long' as const),
        unrealizedPnl: field('upl'),
        settleAsset: field('ccy'),
      };
    }),
  };
}
