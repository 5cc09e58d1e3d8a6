import DecimalJs from 'decimal.js';
import { krakenFuturesDemoAccount } from '../../../companion/src/simulators/krakenfutures/demo-account';
import { DEFAULT_KRAKEN_FUTURES_TICKERS } from '../../../companion/src/simulators/krakenfutures/krakenfutures-simulator';
import type { DemoHoldings } from './demo-holdings';

const Decimal = DecimalJs.clone({ precision: 200 });

/** Kraken Futures calls bitcoin XBT and writes codes in lower case in the cash and margin accounts. */
const code = (c: string) => (c.toUpperCase() === 'XBT' ? 'BTC' : c.toUpperCase());

/**
 * The demo Kraken Futures account (simulators/krakenfutures/demo-account.ts). Balances: the cash
 * account's `balances`, the multi-collateral account's `currencies[].quantity`, and each
 * single-collateral margin account's currency entries (keys without an underscore; `pi_xbtusd`
 * is a contract size, a position). No balance includes unrealized PnL.
 *
 * Positions: Kraken reports entry price and size; the mark is the ticker's `markPrice`.
 * PF_ contracts are one coin each, PnL in USD = size × (mark − entry); PI_ (inverse) contracts
 * are one USD each, PnL in bitcoin = size × (1/entry − 1/mark); a short's PnL is the negative.
 */
export function krakenFuturesDemoHoldings(now: number): DemoHoldings {
  const account = krakenFuturesDemoAccount(now);
  const balances: DemoHoldings['balances'] = [
    ...Object.entries(account.cash).map(([c, quantity]) => ({ asset: code(c), quantity })),
    ...Object.entries(account.flex.currencies).map(([c, row]) => ({ asset: code(c), quantity: row.quantity })),
    ...Object.values(account.marginAccounts).flatMap((m) =>
      Object.entries(m.balances)
        .filter(([c]) => !c.includes('_'))
        .map(([c, quantity]) => ({ asset: code(c), quantity })),
    ),
  ];
  const positions = account.positions.map((p) => {
    const mark = DEFAULT_KRAKEN_FUTURES_TICKERS.find((t) => t.symbol === p.symbol)?.markPrice;
    if (mark === undefined) throw new Error(`The demo Kraken Futures position on ${p.symbol} has no ticker.`);
    const sign = p.side === 'short' ? -1 : 1;
    const inverse = p.symbol.startsWith('PI_');
    const pnl = inverse
      ? new Decimal(p.size).times(new Decimal(1).div(p.price).minus(new Decimal(1).div(mark))).times(sign)
      : new Decimal(p.size).times(new Decimal(mark).minus(p.price)).times(sign);
    return { symbol: p.symbol, side: p.side, unrealizedPnl: pnl.toFixed(), settleAsset: inverse ? 'BTC' : 'USD' };
  });
  return { balances, positions };
}
