import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { IbkrCpapiSimulator } from '../../simulators/ibkr-cpapi/ibkr-cpapi-simulator.js';
import { loadIbkrDemoAccount } from '../../simulators/ibkr-flex/ibkr-demo-account.js';
import type { IbkrSimAccount } from '../../simulators/ibkr-flex/ibkr-sim-account.js';
import { createTestContext } from '../contract-suite.js';
import { createIbkrCpapiConnector } from './ibkr-cpapi-connector.js';

/**
 * Several accounts behind one gateway: an advisor's USD-base master account holding an E-mini
 * S&P future, and a client's CHF-base sub-account (the demo account) that IBKR lists through
 * `/portfolio/subaccounts` only.
 */
const master: IbkrSimAccount = {
  accountId: 'F1111111',
  alias: 'Advisor master',
  baseCurrency: 'USD',
  cash: { USD: '2500' },
  ratesToBase: { USD: '1' },
  positions: [
    {
      conid: '495512563',
      symbol: 'ESZ6',
      description: 'ES DEC2026',
      assetCategory: 'FUT',
      currency: 'USD',
      multiplier: '50',
      position: '2',
      markPrice: '5400.25',
      avgCost: '5380',
    },
  ],
  trades: [],
  cashTransactions: [],
};

let sim: IbkrCpapiSimulator;
const ctx = () => createTestContext({ credentials: {}, baseUrls: { 'ibkr-cpapi': sim.apiUrl } });

beforeEach(async () => {
  sim = new IbkrCpapiSimulator();
  await sim.start();
  sim.addAccount(structuredClone(master));
  sim.addSubaccount(loadIbkrDemoAccount());
});
afterEach(() => sim.stop());

describe('IBKR Client Portal with accounts and sub-accounts', () => {
  it('lists the master account and its sub-account, each with its own cash and holdings', async () => {
    const connector = createIbkrCpapiConnector();
    expect(await connector.accounts(ctx())).toEqual([
      { key: 'F1111111', type: 'brokerage', name: 'IBKR F1111111 (Advisor master)' },
      { key: 'U7654321', type: 'brokerage', name: 'IBKR U7654321 (Demo IBKR)' },
    ]);
    const balances = await connector.fetchBalances(ctx());
    expect(balances.map((b) => [b.accountKey, b.asset.symbol, b.free])).toEqual([
      ['F1111111', 'USD', '2500'],
      ['U7654321', 'CHF', '4566.7'],
      ['U7654321', 'USD', '1968.1'],
      ['U7654321', 'AAPL', '20'],
      ['U7654321', 'VT', '35'],
      ['U7654321', 'NESN', '15'],
      ['U7654321', 'AAPL 261218C00300000', '-100'],
    ]);
  });

  it('a future is a position only, sized by its multiplier: its value is settled into cash every day', async () => {
    const positions = await createIbkrCpapiConnector().fetchPositions!(ctx());
    const future = positions.find((p) => p.symbol === 'ESZ6');
    // 2 contracts × 50: notional 100 × 5400.25, uPnL 100 × (5400.25 − 5380), entry per index point.
    expect(future).toMatchObject({
      accountKey: 'F1111111',
      side: 'long',
      contracts: '2',
      sizeInBase: '100',
      entryPrice: '5380',
      markPrice: '5400.25',
      notional: '540025',
      unrealizedPnl: '2025',
      settleAsset: 'USD',
    });
    expect(positions.filter((p) => p.accountKey === 'U7654321')).toHaveLength(4);
  });

  it('reads a sub-account only after listing the sub-accounts, as the gateway requires', async () => {
    await createIbkrCpapiConnector().fetchBalances(ctx());
    const order = sim.server.requests.entries.map((e) => e.path.replace('/v1/api', '')).filter((p) => p.startsWith('/portfolio/'));
    expect(order.slice(0, 2)).toEqual(['/portfolio/accounts', '/portfolio/subaccounts']);
    expect(order).toContain('/portfolio/U7654321/ledger');
  });

  it('the connection test warns about an account IBKR has not finished loading', async () => {
    sim.notReady.add('U7654321');
    const result = await createIbkrCpapiConnector().test(ctx());
    expect(result.accounts.map((a) => a.key)).toEqual(['F1111111', 'U7654321']);
    expect(result.warnings).toEqual(['IBKR reports account U7654321 as not ready yet; balances may be incomplete until it is.']);
  });
});
