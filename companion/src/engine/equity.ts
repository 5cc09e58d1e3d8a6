import { Decimal, dec, toDecimalString } from '@omnifolio/shared/money';

/** The parts of equity, each in the base currency. Borrowing is a positive amount owed. */
export interface EquityParts {
  /** Spot, wallet, brokerage and pension holdings at market value. */
  spot: string;
  /** Margin account assets at market value. */
  marginAssets?: string;
  /** What the margin account owes (principal + accrued interest). */
  marginBorrowed?: string;
  /** The futures wallet balance (collateral), before open positions' PnL. */
  futuresWallet?: string;
  /** Sum of open positions' unrealized PnL (negative when losing). */
  unrealizedPnl?: string;
}

/**
 * Equity = spot + margin (assets − borrowing) + futures wallet + unrealized PnL: what the
 * user would have if every position were closed at the mark and every loan repaid.
 * Notional is not equity: a 10× long adds its PnL, not its size.
 */
export function equity(parts: EquityParts): string {
  const total = [parts.spot, parts.marginAssets ?? '0', parts.futuresWallet ?? '0', parts.unrealizedPnl ?? '0'].reduce(
    (acc, v) => acc.plus(dec(v)),
    new Decimal(0),
  );
  return toDecimalString(total.minus(dec(parts.marginBorrowed ?? '0')));
}
