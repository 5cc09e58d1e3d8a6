import DecimalJs from 'decimal.js';
import { loadIbkrDemoAccount } from '../../../companion/src/simulators/ibkr-flex/ibkr-demo-account';
import type { BrokerHoldings } from './broker-holdings';

const Decimal = DecimalJs.clone({ precision: 200, toExpNeg: -200, toExpPos: 200 });

/**
 * The demo IBKR account (simulators/ibkr-flex/ibkr-demo-account.ts), which the demo's Flex
 * Web Service simulator serves: the ledger's cash balance per currency, and every open position at IBKR's
 * mark in the instrument's currency. A stock counts its shares; an option counts the shares it
 * covers (IBKR's `multiplier`, 100 for a US equity option) at IBKR's per-share mark, so one
 * written call at 4.15 is −100 × 4.15 = −415. Runs of spaces in IBKR's OCC-style option symbol
 * ("AAPL  261218C00300000") read as one on screen.
 */
export function ibkrDemoHoldings(now: number): BrokerHoldings {
  const account = loadIbkrDemoAccount({ now });
  return {
    cash: Object.entries(account.cash).map(([currency, amount]) => ({ currency, amount })),
    holdings: account.positions.map((p) => ({
      symbol: p.symbol.replace(/\s+/g, ' '),
      quantity: p.assetCategory === 'OPT' ? new Decimal(p.position).times(p.multiplier).toFixed() : p.position,
      mark: p.markPrice,
      currency: p.currency,
    })),
  };
}
