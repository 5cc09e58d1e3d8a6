import type { ExpectedPosition } from '../contract-suite.js';

/**
 * The demo IBKR account's open positions as both IBKR connectors must report them, worked out
 * by hand from simulators/ibkr-flex/ibkr-demo-account.ts: notional = quantity × multiplier ×
 * mark, uPnL = (mark − entry) × quantity × multiplier, sign flipped for the short call
 * (1 contract × 100 shares: (6.20 − 4.15) × 100 = 205). Stocks carry no leverage or margin
 * fields; the account's margin is reported for the account, not per position.
 */
export const IBKR_DEMO_POSITIONS: readonly ExpectedPosition[] = [
  {
    accountKey: 'U7654321',
    symbol: 'AAPL 261218C00300000',
    side: 'short',
    contracts: '1',
    sizeInBase: '100',
    entryPrice: '6.2',
    markPrice: '4.15',
    notional: '415',
    unrealizedPnl: '205',
    leverage: null,
    liquidationPrice: null,
    marginMode: null,
    margin: null,
    settleAsset: 'USD',
  },
  {
    accountKey: 'U7654321',
    symbol: 'AAPL',
    side: 'long',
    contracts: '20',
    sizeInBase: '20',
    entryPrice: '180.25',
    markPrice: '230.5',
    notional: '4610',
    unrealizedPnl: '1005',
    leverage: null,
    liquidationPrice: null,
    marginMode: null,
    margin: null,
    settleAsset: 'USD',
  },
  {
    accountKey: 'U7654321',
    symbol: 'NESN',
    side: 'long',
    contracts: '15',
    sizeInBase: '15',
    entryPrice: '95.3',
    markPrice: '84.12',
    notional: '1261.8',
    unrealizedPnl: '-167.7',
    leverage: null,
    liquidationPrice: null,
    marginMode: null,
    margin: null,
    settleAsset: 'CHF',
  },
  {
    accountKey: 'U7654321',
    symbol: 'VT',
    side: 'long',
    contracts: '35',
    sizeInBase: '35',
    entryPrice: '101.1',
    markPrice: '120.4',
    notional: '4214',
    unrealizedPnl: '675.5',
    leverage: null,
    liquidationPrice: null,
    marginMode: null,
    margin: null,
    settleAsset: 'USD',
  },
];
