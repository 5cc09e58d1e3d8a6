import { describe, expect, it } from 'vitest';
import { parseLosslessJson, readExchangeRates, readSimplePrice, UnreadableBodyError } from './coingecko-responses.js';

describe('reading CoinGecko bodies', () => {
  it('turns exponent literals into plain decimal strings without a float in between', () => {
    const body = parseLosslessJson('{"pepe":{"usd":1.2345678901234567890123e-5,"chf":0.0000111,"last_updated_at":1717416000}}');
    expect(readSimplePrice(body, ['pepe'], ['usd', 'chf']).get('pepe')).toEqual({
      prices: { usd: '0.000012345678901234567890123', chf: '0.0000111' },
      lastUpdatedAt: '2024-06-03T12:00:00.000Z',
    });
  });

  it('treats a null price as unpriced and ignores fields it did not ask for', () => {
    const body = parseLosslessJson('{"bitcoin":{"usd":null,"chf":60381.2587,"chf_24h_change":-1.2},"ethereum":{"usd":3781.2}}');
    const quotes = readSimplePrice(body, ['bitcoin'], ['usd', 'chf']);
    expect([...quotes.keys()]).toEqual(['bitcoin']);
    expect(quotes.get('bitcoin')).toEqual({ prices: { chf: '60381.2587' }, lastUpdatedAt: undefined });
  });

  it('refuses a price that is not a JSON number', () => {
    const body = parseLosslessJson('{"bitcoin":{"usd":"67187.33"}}');
    expect(() => readSimplePrice(body, ['bitcoin'], ['usd'])).toThrow(UnreadableBodyError);
    expect(() => readSimplePrice(parseLosslessJson('[1,2]'), ['bitcoin'], ['usd'])).toThrow(UnreadableBodyError);
  });

  it('refuses text that is not JSON', () => {
    expect(() => parseLosslessJson('<html>502 Bad Gateway</html>')).toThrow(UnreadableBodyError);
  });

  it('reads exchange rates with exact values', () => {
    const body = parseLosslessJson('{"rates":{"usd":{"name":"US Dollar","unit":"$","value":67187.33584735487123,"type":"fiat"}}}');
    expect(readExchangeRates(body)).toEqual({ usd: { name: 'US Dollar', unit: '$', value: '67187.33584735487123', type: 'fiat' } });
  });
});
