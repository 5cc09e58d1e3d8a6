import { bitgetDemoAccount } from '../../../companion/src/simulators/bitget/demo-account';
import type { DemoHoldings } from './demo-holdings';

/**
 * The demo Bitget account (simulators/bitget/demo-account.ts). Spot: `available` + `frozen`
 * (in orders) + `locked`. Funding: `available` + `frozen`. Cross margin: `totalAmount` minus
 * `borrow` and `interest` (what is owed); isolated margin the same, per pair. Savings: `holdAmount` of
 * each subscription (the coins left spot when subscribed). Futures: `accountEquity` per margin coin (wallet plus
 * the positions' unrealized PnL). Positions: `holdSide`, `unrealizedPL` in `marginCoin`.
 */
export function bitgetDemoHoldings(now: number): DemoHoldings {
  const account = bitgetDemoAccount(now);
  const futures = Object.values(account.futures).flat();
  return {
    balances: [
      ...account.spot.flatMap((a) => [a.available, a.frozen, a.locked].map((quantity) => ({ asset: a.coin, quantity }))),
      ...account.funding.flatMap((a) => [a.available, a.frozen].map((quantity) => ({ asset: a.coin, quantity }))),
      ...account.crossMargin.flatMap((a) => [
        { asset: a.coin, quantity: a.totalAmount },
        { asset: a.coin, quantity: `-${a.borrow}` },
        { asset: a.coin, quantity: `-${a.interest}` },
      ]),
      ...account.isolatedMargin.flatMap((a) => [
        { asset: a.coin, quantity: a.totalAmount },
        { asset: a.coin, quantity: `-${a.borrow}` },
        { asset: a.coin, quantity: `-${a.interest}` },
      ]),
      ...account.savingsAssets.map((a) => ({ asset: a.productCoin, quantity: a.holdAmount })),
      ...futures.map((f) => ({ asset: f.marginCoin, quantity: f.accountEquity })),
    ],
    positions: Object.values(account.positions)
      .flat()
      .map((p) => ({ symbol: p.symbol, side: p.holdSide, unrealizedPnl: p.unrealizedPL, settleAsset: p.marginCoin })),
  };
}
