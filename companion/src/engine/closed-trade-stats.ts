import { Decimal, dec, toDecimalString } from '@omnifolio/shared/money';
import type { ClosedTrade } from './fifo-lots.js';
import { divideRatio } from './ratio.js';

export interface ClosedTradeStats {
  trades: number;
  wins: number;
  losses: number;
  /** wins / trades; null without trades. */
  winRate: string | null;
  grossProfit: string;
  /** Sum of losing trades, as a negative amount. */
  grossLoss: string;
  /** grossProfit / |grossLoss|; null when nothing was lost (infinite is not a number to show). */
  profitFactor: string | null;
  averageWin: string | null;
  /** Negative, like the losses it averages. */
  averageLoss: string | null;
  /** Average PnL per closed trade: winRate × averageWin + lossRate × averageLoss. */
  expectancy: string | null;
}

/**
 * Statistics over closed trades (FIFO, fees included, see fifo-lots.ts). A trade whose
 * realized PnL is exactly zero counts as a trade but neither a win nor a loss. Sells with no
 * known cost basis (fully unmatched) are left out: their PnL is unknown, not zero.
 *
 * `from` continues the statistics of earlier trades (the ledger's checkpoint, see
 * performance/ledger-build.ts): the same figures as over all of them at once, since the sums
 * are written out in full.
 */
export function closedTradeStats(closed: readonly ClosedTrade[], from?: ClosedTradeStats): ClosedTradeStats {
  const known = closed.filter((t) => !dec(t.quantity).isZero());
  let grossProfit = from ? dec(from.grossProfit) : new Decimal(0);
  let grossLoss = from ? dec(from.grossLoss) : new Decimal(0);
  let wins = from?.wins ?? 0;
  let losses = from?.losses ?? 0;
  const count = known.length + (from?.trades ?? 0);
  for (const t of known) {
    const pnl = dec(t.realizedPnl);
    if (pnl.gt(0)) {
      wins += 1;
      grossProfit = grossProfit.plus(pnl);
    } else if (pnl.lt(0)) {
      losses += 1;
      grossLoss = grossLoss.plus(pnl);
    }
  }
  const n = new Decimal(count);
  return {
    trades: count,
    wins,
    losses,
    winRate: divideRatio(new Decimal(wins), n),
    grossProfit: toDecimalString(grossProfit),
    grossLoss: toDecimalString(grossLoss),
    profitFactor: divideRatio(grossProfit, grossLoss.abs()),
    averageWin: wins === 0 ? null : toDecimalString(grossProfit.div(wins)),
    averageLoss: losses === 0 ? null : toDecimalString(grossLoss.div(losses)),
    expectancy: count === 0 ? null : toDecimalString(grossProfit.plus(grossLoss).div(n)),
  };
}
