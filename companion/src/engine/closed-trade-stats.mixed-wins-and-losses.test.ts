import { describe, expect, it } from 'vitest';
import { closedTradeStats } from './closed-trade-stats.js';
import type { ClosedTrade } from './fifo-lots.js';

const trade = (id: string, realizedPnl: string, quantity = '1'): ClosedTrade => ({
  tradeId: id,
  assetId: 'cg:bitcoin',
  closedAt: '2024-01-01T00:00:00Z',
  quantity,
  proceeds: '0',
  costBasis: '0',
  realizedPnl,
  unmatchedQuantity: '0',
});

describe('closedTradeStats', () => {
  it('works out win rate, profit factor, averages and expectancy', () => {
    // PnL: +300, +100, −50, −150, 0   (5 trades; 2 wins, 2 losses, 1 flat)
    // win rate      = 2 / 5 = 0.4
    // gross profit  = 400; gross loss = −200; profit factor = 400 / 200 = 2
    // average win   = 400 / 2 = 200;  average loss = −200 / 2 = −100
    // expectancy    = (400 − 200) / 5 = 40  (= 0.4 × 200 + 0.4 × −100 = 80 − 40 = 40)
    // A sell with nothing matched (quantity 0) has no known PnL and is ignored.
    const stats = closedTradeStats([trade('a', '300'), trade('b', '100'), trade('c', '-50'), trade('d', '-150'), trade('e', '0'), trade('f', '0', '0')]);
    expect(stats).toEqual({
      trades: 5,
      wins: 2,
      losses: 2,
      winRate: '0.4',
      grossProfit: '400',
      grossLoss: '-200',
      profitFactor: '2',
      averageWin: '200',
      averageLoss: '-100',
      expectancy: '40',
    });
  });

  it('has no profit factor without losses and no rates without trades', () => {
    expect(closedTradeStats([trade('a', '10')])).toMatchObject({ winRate: '1', profitFactor: null, averageLoss: null, expectancy: '10' });
    expect(closedTradeStats([])).toMatchObject({ trades: 0, winRate: null, profitFactor: null, averageWin: null, expectancy: null });
  });

  it('continues earlier statistics to the figures of all trades at once', () => {
    // The first three (+300, +100, −50), then the rest: the same 5 trades, 2 wins, 2 losses, expectancy 40.
    const all = [trade('a', '300'), trade('b', '100'), trade('c', '-50'), trade('d', '-150'), trade('e', '0'), trade('f', '0', '0')];
    const earlier = closedTradeStats(all.slice(0, 3));
    expect(earlier).toMatchObject({ trades: 3, grossProfit: '400', grossLoss: '-50' });
    expect(closedTradeStats(all.slice(3), earlier)).toEqual(closedTradeStats(all));
    expect(closedTradeStats([], earlier)).toEqual(earlier);
  });
});
