import { loadAlpacaDemoAccount } from '../../../companion/src/simulators/alpaca/alpaca-sim-account';
import type { BrokerHoldings } from './broker-holdings';

/**
 * The demo Alpaca account (simulators/alpaca/alpaca-sim-account.ts), as Alpaca's Trading API
 * states it: the account's `cash` in US dollars, and each position's `qty` at Alpaca's
 * `current_price` (US equities trade in dollars).
 */
export function alpacaDemoHoldings(now: number): BrokerHoldings {
  const account = loadAlpacaDemoAccount(now);
  return {
    cash: [{ currency: 'USD', amount: account.cash }],
    holdings: account.positions.map((p) => ({ symbol: p.symbol, quantity: p.qty, mark: p.current_price, currency: 'USD' })),
  };
}
