import { htxDemoAccount } from '../../../companion/src/simulators/htx/demo-account';
import type { DemoHoldings } from './demo-holdings';

/**
 * The demo HTX account (simulators/htx/demo-account.ts). Spot, cross (`super-margin`) and
 * isolated (`margin`) margin and OTC accounts: every balance row of a currency adds up (`trade`,
 * `frozen`, and the negative `loan` and `interest`). The `point` account holds point cards, not
 * an asset. USDT-M: each currency's `equity` (wallet plus unrealized PnL). Positions: `volume`
 * contracts on `position_side`, `profit_unreal` in `margin_currency`. Coin-margined swaps:
 * `margin_balance` (wallet plus unrealized PnL) of each coin; positions on `direction`,
 * `profit_unreal` in the coin (`symbol`). Coin-margined delivery futures: the same fields.
 */
export function htxDemoHoldings(now: number): DemoHoldings {
  const account = htxDemoAccount(now);
  const text = (row: Record<string, unknown>, key: string): string => {
    const value = row[key];
    if (typeof value !== 'string') throw new Error(`The demo HTX account has no text ${key} in ${JSON.stringify(row).slice(0, 80)}.`);
    return value;
  };
  return {
    balances: [
      ...account.accounts.filter((a) => a.type !== 'point').flatMap((a) => a.list.map((row) => ({ asset: row.currency.toUpperCase(), quantity: row.balance }))),
      ...account.linearBalance.details.map((d) => ({ asset: text(d, 'currency').toUpperCase(), quantity: text(d, 'equity') })),
      ...[...(account.inverseSwaps?.accounts ?? []), ...(account.deliveryFutures?.accounts ?? [])].map((a) => ({
        asset: text(a, 'symbol').toUpperCase(),
        quantity: text(a, 'margin_balance'),
      })),
    ],
    positions: [
      ...account.linearPositions
        .filter((p) => text(p, 'volume') !== '0')
        .map((p) => ({
          symbol: text(p, 'contract_code'),
          side: text(p, 'position_side') === 'short' ? ('short' as const) : ('long' as const),
          unrealizedPnl: text(p, 'profit_unreal'),
          settleAsset: text(p, 'margin_currency').toUpperCase(),
        })),
      ...[...(account.inverseSwaps?.positions ?? []), ...(account.deliveryFutures?.positions ?? [])]
        .filter((p) => text(p, 'volume') !== '0')
        .map((p) => ({
          symbol: text(p, 'contract_code'),
          side: text(p, 'direction') === 'sell' ? ('short' as const) : ('long' as const),
          unrealizedPnl: text(p, 'profit_unreal'),
          settleAsset: text(p, 'symbol').toUpperCase(),
        })),
    ],
  };
}
