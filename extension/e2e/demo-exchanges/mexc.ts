import DecimalJs from 'decimal.js';
import { MEXC_DEMO_CONTRACTS, mexcDemoAccount } from '../../../companion/src/simulators/mexc/demo-account';
import type { DemoHoldings } from './demo-holdings';

const Decimal = DecimalJs.clone({ precision: 200 });

/**
 * The demo MEXC account (simulators/mexc/demo-account.ts). Spot: `free` + `locked`. USDT-M
 * futures: `cashBalance` + `unrealized` (the equity). MEXC sends futures figures as JSON
 * numbers; their shortest decimal form is what MEXC wrote. Positions: `positionType` 1 is long,
 * 2 short; MEXC lists no PnL with them, so it is worked out the way MEXC defines it for a
 * USDT-margined contract: (fair price − average price) × contracts × contract size, negated
 * for a short, in the settle coin, at the fair prices the simulator lists.
 */
export function mexcDemoHoldings(now: number): DemoHoldings {
  const account = mexcDemoAccount(now);
  const contracts = new Map(MEXC_DEMO_CONTRACTS.map((c) => [c.symbol, c]));
  return {
    balances: [
      ...account.balances.flatMap((b) => [
        { asset: b.asset, quantity: b.free },
        { asset: b.asset, quantity: b.locked },
      ]),
      ...(account.futures ?? []).flatMap((f) => [
        { asset: f.currency, quantity: String(f.cashBalance) },
        { asset: f.currency, quantity: String(f.unrealized) },
      ]),
    ],
    positions: account.positions
      .filter((p) => p.holdVol !== 0)
      .map((p) => {
        const contract = contracts.get(p.symbol);
        if (contract === undefined) throw new Error(`The MEXC simulator lists no contract ${p.symbol}.`);
        const short = p.positionType === 2;
        const pnl = new Decimal(String(contract.fairPrice))
          .minus(String(p.holdAvgPrice))
          .times(String(p.holdVol))
          .times(String(contract.contractSize))
          .times(short ? -1 : 1);
        return { symbol: p.symbol, side: short ? ('short' as const) : ('long' as const), unrealizedPnl: pnl.toFixed(), settleAsset: contract.settleCoin };
      }),
  };
}
