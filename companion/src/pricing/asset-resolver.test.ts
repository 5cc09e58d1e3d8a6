import { describe, expect, it } from 'vitest';
import { resolveAsset } from './asset-resolver.js';

describe('resolveAsset', () => {
  it('maps settled exchange symbols to CoinGecko ids', () => {
    expect(resolveAsset({ symbol: 'btc', kind: 'crypto' }).id).toBe('cg:bitcoin');
    expect(resolveAsset({ symbol: 'USDT', kind: 'crypto' }).identifiers).toEqual([{ scheme: 'coingecko', value: 'tether' }]);
  });

  it('treats fiat held on an exchange as fiat even when the connector says crypto', () => {
    expect(resolveAsset({ symbol: 'EUR', kind: 'crypto' })).toMatchObject({ id: 'fiat:EUR', assetClass: 'fiat' });
  });

  it('keeps unknown symbols as unpriced symbol assets instead of guessing', () => {
    expect(resolveAsset({ symbol: 'LUNC2', kind: 'crypto' })).toMatchObject({ id: 'sym:LUNC2', identifiers: [] });
  });

  it('does not price an equity ticker as the coin of the same symbol', () => {
    expect(resolveAsset({ symbol: 'SOL', kind: 'equity' }).id).toBe('sym:SOL');
  });
});
