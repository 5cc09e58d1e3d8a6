import { describe, expect, it } from 'vitest';
import { type CandidateMarket, candidateSymbols } from './binance-candidate-symbols.js';

const market = (id: string, baseId: string, quoteId: string): CandidateMarket => ({ id, baseId, quoteId });
const markets = [
  market('BTCUSDT', 'BTC', 'USDT'),
  market('ETHUSDT', 'ETH', 'USDT'),
  market('ETHBTC', 'ETH', 'BTC'),
  market('SOLETH', 'SOL', 'ETH'),
  market('XRPUSDT', 'XRP', 'USDT'),
  market('DOGEBTC', 'DOGE', 'BTC'),
  market('USDCUSDT', 'USDC', 'USDT'),
  market('ADAXRP', 'ADA', 'XRP'),
  market('BTCEUR', 'BTC', 'EUR'),
  market('BTCUSDC', 'BTC', 'USDC'),
];
const none = () => false;

describe('candidateSymbols', () => {
  it('pairs held assets with each other and with the quotes people trade against', () => {
    expect(candidateSymbols({ markets, assets: new Set(['ETH']), hasRecordedTrades: none })).toEqual(['ETHBTC', 'ETHUSDT']);
  });

  it('includes quote-currency markets on the other side of a held quote asset', () => {
    // Holding USDT: markets whose base is a listed quote currency (BTC, ETH, USDC) may hold trades; XRP/USDT may not.
    expect(candidateSymbols({ markets, assets: new Set(['USDT']), hasRecordedTrades: none })).toEqual(['BTCUSDT', 'ETHUSDT', 'USDCUSDT']);
  });

  it('adds symbols that already have recorded trades', () => {
    expect(candidateSymbols({ markets, assets: new Set(), hasRecordedTrades: (s) => s === 'DOGEBTC' })).toEqual(['DOGEBTC']);
  });

  it('ignores preferred quotes the exchange does not list', () => {
    const noEur = markets.filter((m) => m.quoteId !== 'EUR');
    expect(candidateSymbols({ markets: noEur, assets: new Set(['BTC']), hasRecordedTrades: none, preferredQuotes: ['USDT', 'EUR'] })).toEqual(['BTCUSDT']);
  });

  it('never walks every market', () => {
    const many = Array.from({ length: 3000 }, (_, i) => market(`T${i}USDT`, `T${i}`, 'USDT'));
    const found = candidateSymbols({ markets: [...markets, ...many], assets: new Set(['BTC', 'USDT']), hasRecordedTrades: none });
    expect(found).toEqual(['BTCEUR', 'BTCUSDC', 'BTCUSDT', 'ETHBTC', 'ETHUSDT', 'USDCUSDT']);
  });
});
