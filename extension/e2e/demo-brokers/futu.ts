import { opendDemoAccount } from '../../../companion/src/simulators/futu-opend/opend-simulator';
import type { BrokerHoldings } from './broker-holdings';

/** OpenD's Trd_Common.Currency and Trd_Common.TrdMarket ids, written out for the test. */
const CURRENCIES: Record<string, string> = { '1': 'HKD', '2': 'USD' };
const MARKETS: Record<string, { currency: string; suffix: string }> = { '1': { currency: 'HKD', suffix: '.HK' }, '2': { currency: 'USD', suffix: '' } };

/**
 * The demo Futu account (simulators/futu-opend/opend-simulator.ts), a universal account: cash
 * per currency id, and positions per market id at Futu's `price` in the market's currency. A
 * Hong Kong code is shown with its market (`00700.HK`), a US ticker as it is.
 */
export function futuDemoHoldings(): BrokerHoldings {
  const account = opendDemoAccount();
  const known = <T>(table: Record<string, T>, id: string, what: string): T => {
    const found = table[id];
    if (found === undefined) throw new Error(`The demo Futu account has a ${what} id ${id} this test does not know.`);
    return found;
  };
  return {
    cash: Object.entries(account.cash).map(([id, amount]) => ({ currency: known(CURRENCIES, id, 'currency'), amount })),
    holdings: Object.entries(account.positions).flatMap(([marketId, positions]) => {
      const market = known(MARKETS, marketId, 'market');
      return positions.map((p) => ({
        symbol: `${p.code}${market.suffix}`,
        quantity: p.short ? `-${p.qty}` : p.qty,
        mark: p.price,
        currency: market.currency,
      }));
    }),
  };
}
