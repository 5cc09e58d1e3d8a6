import DecimalJs from 'decimal.js';
import { schwabDemoCustomer } from '../../../companion/src/simulators/schwab/schwab-sim-account';
import type { BrokerHoldings } from './broker-holdings';

const Decimal = DecimalJs.clone({ precision: 200, toExpNeg: -200, toExpPos: 200 });

/**
 * The demo Schwab customer (simulators/schwab/schwab-sim-account.ts) as the Trader API states
 * it: each account's `currentBalances.cashBalance` in US dollars (one connection, two accounts:
 * the popup shows their sum), and each position's `longQuantity − shortQuantity` shares (an
 * option: × 100 shares per contract, so the written call is −100) at Schwab's own valuation,
 * `marketValue` ÷ shares. Schwab sends no separate mark.
 */
export function schwabDemoHoldings(now: number): BrokerHoldings {
  const customer = schwabDemoCustomer(now);
  const cash = customer.accounts.reduce((sum, a) => sum.plus(a.cashBalance), new Decimal(0));
  return {
    cash: [{ currency: 'USD', amount: cash.toFixed() }],
    holdings: customer.accounts.flatMap((a) =>
      a.positions.map((p) => {
        const shares = new Decimal(p.longQuantity).minus(p.shortQuantity).times(p.assetType === 'OPTION' ? 100 : 1);
        return {
          symbol: p.symbol.replace(/\s+/g, ' '),
          quantity: shares.toFixed(),
          mark: new Decimal(p.marketValue).abs().div(shares.abs()).toFixed(),
          currency: 'USD',
        };
      }),
    ),
  };
}
