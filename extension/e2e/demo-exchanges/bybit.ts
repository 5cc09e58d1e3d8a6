import { bybitDemoAccount } from '../../../companion/src/simulators/bybit/demo-account';
import type { DemoHoldings } from './demo-holdings';

/**
 * The demo Bybit account (simulators/bybit/demo-account.ts). Unified trading account: each
 * coin's `walletBalance` (cash: negative when borrowed) plus the positions' unrealized PnL,
 * which Bybit reports beside it in `unrealisedPnl`. Funding: `walletBalance`. Earn:
 * `amount` of each flexible or on-chain product. Positions: `side` Buy is long, Sell short;
 * `unrealisedPnl` in `settleCoin`.
 */
export function bybitDemoHoldings(now: number): DemoHoldings {
  const account = bybitDemoAccount(now);
  return {
    balances: [
      ...account.unified.flatMap((c) => [
        { asset: c.coin, quantity: c.walletBalance },
        { asset: c.coin, quantity: c.unrealisedPnl },
      ]),
      ...account.fund.map((c) => ({ asset: c.coin, quantity: c.walletBalance })),
      ...account.earn.map((e) => ({ asset: e.coin, quantity: e.amount })),
    ],
    positions: account.positions
      .filter((p) => p.size !== '0')
      .map((p) => {
        if (typeof p.unrealisedPnl !== 'string') throw new Error(`The demo Bybit position ${p.symbol} has no unrealisedPnl text.`);
        return {
          symbol: p.symbol,
          side: p.side === 'Sell' ? ('short' as const) : ('long' as const),
          unrealizedPnl: p.unrealisedPnl,
          settleAsset: p.settleCoin,
        };
      }),
  };
}
