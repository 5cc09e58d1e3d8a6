import { ValidationError } from '@omnifolio/shared/errors';
import { describe, expect, it } from 'vitest';
import { parseMarketDataKeys, parseProviderUrls, resolveConfig } from './config.js';

describe('market-data keys from the environment', () => {
  it('are absent without their variables, so every provider runs at its keyless tier', () => {
    expect(parseMarketDataKeys({})).toEqual({});
    expect(resolveConfig({ dataDir: '/tmp/x' }, {}).marketDataKeys).toEqual({});
  });

  it('reads each key, trimmed, with CoinGecko on the demo plan unless told pro', () => {
    expect(
      parseMarketDataKeys({
        OMNIFOLIO_COINGECKO_API_KEY: ' CG-abc ',
        OMNIFOLIO_OPENFIGI_API_KEY: 'figi',
        OMNIFOLIO_TIINGO_API_KEY: 'tiingo',
        OMNIFOLIO_ALPHAVANTAGE_API_KEY: 'av',
      }),
    ).toEqual({ coinGecko: { plan: 'demo', apiKey: 'CG-abc' }, openFigi: 'figi', tiingo: 'tiingo', alphaVantage: 'av' });
    expect(parseMarketDataKeys({ OMNIFOLIO_COINGECKO_API_KEY: 'k', OMNIFOLIO_COINGECKO_PLAN: 'PRO' }).coinGecko).toEqual({ plan: 'pro', apiKey: 'k' });
    expect(parseMarketDataKeys({ OMNIFOLIO_TIINGO_API_KEY: '   ' })).toEqual({});
  });

  it('refuses a CoinGecko plan that does not exist, saying what to write', () => {
    let error: unknown;
    try {
      parseMarketDataKeys({ OMNIFOLIO_COINGECKO_API_KEY: 'k', OMNIFOLIO_COINGECKO_PLAN: 'analyst' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).message).toBe('OMNIFOLIO_COINGECKO_PLAN is "analyst", which is not a CoinGecko plan.');
    expect((error as ValidationError).hints.join(' ')).toContain('demo');
    // The key itself is never echoed back.
    expect(JSON.stringify(error)).not.toContain('"k"');
  });
});

describe('provider URL overrides', () => {
  it('parse a JSON object of ids to URLs and refuse anything else', () => {
    expect(parseProviderUrls('{"tiingo":"http://127.0.0.1:9001"}')).toEqual({ tiingo: 'http://127.0.0.1:9001' });
    expect(() => parseProviderUrls('tiingo=http://x')).toThrow('OMNIFOLIO_PROVIDER_URLS is not valid JSON.');
    expect(() => parseProviderUrls('{"tiingo":"not a url"}')).toThrow('OMNIFOLIO_PROVIDER_URLS must map provider ids to URLs.');
  });
});
