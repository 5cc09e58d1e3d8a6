import { describe, expect, it } from 'vitest';
import { binanceIsolatedMarginBalances } from './binance-isolated-margin-balances.js';

const context = { accountKey: 'isolated-margin', asOf: '2026-11-01T00:00:00.000Z', fiatCodes: new Set<string>() };

const side = (asset: string, free: string, locked: string, borrowed: string, interest: string, netAsset: string) => ({
  asset,
  borrowEnabled: true,
  borrowed,
  free,
  interest,
  locked,
  netAsset,
  netAssetOfBtc: '0.00000000',
  repayEnabled: true,
  totalAsset: free,
});

const pair = (symbol: string, base: ReturnType<typeof side>, quote: ReturnType<typeof side>) => ({
  baseAsset: base,
  quoteAsset: quote,
  symbol,
  isolatedCreated: true,
  enabled: true,
  marginLevel: '2.00000000',
  marginLevelStatus: 'EXCESSIVE',
  marginRatio: '5.00000000',
  indexPrice: '0.00000000',
  liquidatePrice: '0.00000000',
  liquidateRate: '0.00000000',
  tradeEnabled: true,
});

describe('binanceIsolatedMarginBalances', () => {
  it('nets loans and interest out of free, keeps locked, and sums an asset held in two pairs', () => {
    const body = {
      assets: [
        pair(
          'ETHUSDT',
          side('ETH', '2.00000000', '0.50000000', '1.00000000', '0.00010000', '1.49990000'),
          side('USDT', '100.00000000', '0.00000000', '0.00000000', '0.00000000', '100.00000000'),
        ),
        // A short: SOL borrowed and sold; more owed than held, so free goes negative.
        pair(
          'SOLUSDT',
          side('SOL', '0.00000000', '0.00000000', '3.00000000', '0.00120000', '-3.00120000'),
          side('USDT', '650.00000000', '25.00000000', '0.00000000', '0.00000000', '675.00000000'),
        ),
        // An opened pair with nothing in it is no balance.
        pair(
          'ADAUSDC',
          side('ADA', '0.00000000', '0.00000000', '0.00000000', '0.00000000', '0.00000000'),
          side('USDC', '0.00000000', '0.00000000', '0.00000000', '0.00000000', '0.00000000'),
        ),
      ],
      totalAssetOfBtc: '0.01',
      totalLiabilityOfBtc: '0.005',
      totalNetAssetOfBtc: '0.005',
    };
    // Hand-computed: ETH 2 − 1 − 0.0001 = 0.9999 free, 0.5 locked; SOL 0 − 3 − 0.0012 = −3.0012;
    // USDT 100 + 650 free, 0 + 25 locked.
    expect(binanceIsolatedMarginBalances(body, context).map(({ asset, free, locked }) => [asset.symbol, free, locked])).toEqual([
      ['ETH', '0.9999', '0.5'],
      ['USDT', '750', '25'],
      ['SOL', '-3.0012', '0'],
    ]);
  });

  it('answers no balances for an account without isolated pairs', () => {
    expect(binanceIsolatedMarginBalances({ assets: [], totalAssetOfBtc: '0', totalLiabilityOfBtc: '0', totalNetAssetOfBtc: '0' }, context)).toEqual([]);
  });

  it('refuses amounts that do not add up to Binance’s netAsset, naming the pair and asset', () => {
    const body = {
      assets: [
        pair(
          'BTCUSDT',
          side('BTC', '1.00000000', '0.00000000', '0.50000000', '0.00000000', '1.00000000'),
          side('USDT', '0.00000000', '0.00000000', '0.00000000', '0.00000000', '0.00000000'),
        ),
      ],
    };
    expect(() => binanceIsolatedMarginBalances(body, context)).toThrow(/BTCUSDT BTC/);
  });

  it('refuses a body without the pair list rather than reporting an empty account', () => {
    expect(() => binanceIsolatedMarginBalances({ code: -1000 }, context)).toThrow(/isolated margin/);
    expect(() => binanceIsolatedMarginBalances({ assets: [{ symbol: 'BTCUSDT' }] }, context)).toThrow(/isolated margin/);
  });
});
