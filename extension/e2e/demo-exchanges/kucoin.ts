import { kucoinDemoAccount } from '../../../companion/src/simulators/kucoin/demo-account';
import type { DemoHoldings } from './demo-holdings';

/** KuCoin names bitcoin XBT on its futures platform. */
const asset = (code: string) => (code === 'XBT' ? 'BTC' : code);

/**
 * The demo KuCoin account (simulators/kucoin/demo-account.ts). Funding (`main`) and trading
 * (`trade`) accounts: `balance`. Cross margin, from the margin endpoint: `total` − `liability`
 * (principal and interest owed); the `margin` rows of the account list repeat it without the
 * debt and are not counted again. Isolated margin: the same for both sides of every pair. Futures: `accountEquity` per currency (wallet plus the
 * positions' unrealized PnL). Earn: `holdAmount` + `redeemingAmount`. KuCoin sends futures
 * figures as JSON numbers; their shortest decimal form is what KuCoin wrote. Positions:
 * negative `currentQty` is short.
 */
export function kucoinDemoHoldings(now: number): DemoHoldings {
  const account = kucoinDemoAccount(now);
  return {
    balances: [
      ...account.accounts.filter((a) => a.type !== 'margin').map((a) => ({ asset: a.currency, quantity: a.balance })),
      ...account.margin.flatMap((m) => [
        { asset: m.currency, quantity: m.total },
        { asset: m.currency, quantity: `-${m.liability}` },
      ]),
      // Isolated margin: each pair's two sides, `total` − `liability`.
      ...account.isolated.flatMap((pair) =>
        [pair.baseAsset, pair.quoteAsset].flatMap((side) => [
          { asset: side.currency, quantity: side.total },
          { asset: side.currency, quantity: `-${side.liability}` },
        ]),
      ),
      ...account.futures.map((f) => ({ asset: asset(f.currency), quantity: String(f.accountEquity) })),
      // Earn: what is held in each product plus what is on its way back from a redemption.
      ...account.earn.flatMap((h) => [
        { asset: h.currency, quantity: h.holdAmount },
        { asset: h.currency, quantity: h.redeemingAmount },
      ]),
    ],
    positions: account.positions
      .filter((p) => p.currentQty !== 0)
      .map((p) => ({
        symbol: p.symbol,
        side: p.currentQty < 0 ? ('short' as const) : ('long' as const),
        unrealizedPnl: String(p.unrealisedPnl),
        settleAsset: asset(String(p.settleCurrency)),
      })),
  };
}
