import { coinexDemoAccount } from '../../../companion/src/simulators/coinex/demo-account';
import type { DemoHoldings } from './demo-holdings';

/**
 * The demo CoinEx account (simulators/coinex/demo-account.ts). Spot and Financial:
 * `available` + `frozen`. Isolated margin, both sides of each market: `available` + `frozen` −
 * `repaid` (CoinEx's name for the principal still owed) − `interest`. Futures: `available` +
 * `frozen` + `margin` + `unrealized_pnl` (the equity). Positions: `side`, `unrealized_pnl` in
 * the settle coin: the quote of a USDT or USDC market, the coin itself for a coin-margined (USD) one.
 */
export function coinexDemoHoldings(now: number): DemoHoldings {
  const account = coinexDemoAccount(now);
  const balances: DemoHoldings['balances'] = [];
  for (const row of [...account.spot, ...account.financial])
    balances.push({ asset: row.ccy, quantity: row.available }, { asset: row.ccy, quantity: row.frozen });
  for (const m of account.margin) {
    for (const [side, ccy] of [
      ['base_ccy', m.base_ccy],
      ['quote_ccy', m.quote_ccy],
    ] as const) {
      balances.push(
        { asset: ccy, quantity: m.available[side] },
        { asset: ccy, quantity: m.frozen[side] },
        { asset: ccy, quantity: `-${m.repaid[side]}` },
        { asset: ccy, quantity: `-${m.interest[side]}` },
      );
    }
  }
  for (const f of account.futures)
    for (const key of ['available', 'frozen', 'margin', 'unrealized_pnl'] as const) balances.push({ asset: f.ccy, quantity: f[key] });
  const settleOf = (market: string) => {
    const quote = ['USDT', 'USDC'].find((q) => market.endsWith(q));
    return quote ?? market.replace(/USD$/, '');
  };
  return {
    balances,
    positions: account.positions
      .filter((p) => p.open_interest !== '0')
      .map((p) => ({
        symbol: p.market,
        side: p.side === 'short' ? ('short' as const) : ('long' as const),
        unrealizedPnl: p.unrealized_pnl,
        settleAsset: settleOf(p.market),
      })),
  };
}
