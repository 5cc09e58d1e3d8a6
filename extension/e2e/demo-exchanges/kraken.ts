import { krakenDemoAccount } from '../../../companion/src/simulators/kraken/demo-account';
import type { DemoHoldings } from './demo-holdings';

/** Kraken's legacy asset codes in the demo account, by the codes people know (XBT is bitcoin). */
const KRAKEN_CODES: Record<string, string> = { XXBT: 'BTC', XBT: 'BTC', XETH: 'ETH', ZUSD: 'USD', XXDG: 'DOGE' };
const PAIRS: Record<string, string> = { XXBTZUSD: 'BTC/USD', XETHZUSD: 'ETH/USD' };

/**
 * The demo Kraken account (simulators/kraken/demo-account.ts). Spot: `BalanceEx` `balance` (the
 * part held by orders included) of every code without a suffix; codes with one (`DOT.S`,
 * `ETH.F`) are the same funds as the Earn allocations and are counted there once, as each
 * allocation's `amount_allocated.total.native`. Margin positions: `net` (written with a sign) in
 * the pair's quote currency.
 */
export function krakenDemoHoldings(now: number): DemoHoldings {
  const account = krakenDemoAccount(now);
  const code = (c: string) => KRAKEN_CODES[c] ?? c;
  const balances: DemoHoldings['balances'] = Object.entries(account.balances)
    .filter(([c]) => !c.includes('.'))
    .map(([c, row]) => ({ asset: code(c), quantity: row.balance }));
  for (const item of account.allocations) {
    const total = (item.amount_allocated as { total: { native: string } }).total.native;
    balances.push({ asset: code(String(item.native_asset)), quantity: total });
  }
  const positions = Object.values(account.positions).map((p) => {
    const symbol = PAIRS[p.pair];
    if (symbol === undefined) throw new Error(`The demo Kraken position on ${p.pair} has no symbol written out here.`);
    return { symbol, side: p.type === 'sell' ? ('short' as const) : ('long' as const), unrealizedPnl: p.net.replace(/^\+/, ''), settleAsset: 'USD' };
  });
  return { balances, positions };
}
