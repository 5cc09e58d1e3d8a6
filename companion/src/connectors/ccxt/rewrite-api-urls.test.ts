import { describe, expect, it } from 'vitest';
import { rewriteApiUrls } from './rewrite-api-urls.js';

describe('rewriteApiUrls', () => {
  it('points every URL in the tree at the override origin and keeps paths', () => {
    const api = {
      public: 'https://api.binance.com/api/v3',
      sapi: 'https://api.binance.com/sapi/v1',
      fapiPublic: 'https://fapi.binance.com/fapi/v1',
      rest: { spot: { public: 'https://api.okx.com', private: 'https://api.okx.com/api/v5/' } },
      list: ['https://a.example/x', 'https://b.example/y?z=1'],
    };
    expect(rewriteApiUrls(api, 'http://127.0.0.1:4567')).toEqual({
      public: 'http://127.0.0.1:4567/api/v3',
      sapi: 'http://127.0.0.1:4567/sapi/v1',
      fapiPublic: 'http://127.0.0.1:4567/fapi/v1',
      rest: { spot: { public: 'http://127.0.0.1:4567', private: 'http://127.0.0.1:4567/api/v5/' } },
      list: ['http://127.0.0.1:4567/x', 'http://127.0.0.1:4567/y?z=1'],
    });
  });

  it('keeps a path prefix of the override', () => {
    expect(rewriteApiUrls({ public: 'https://api.binance.com/api/v3' }, 'http://127.0.0.1:9000/binance/')).toEqual({
      public: 'http://127.0.0.1:9000/binance/api/v3',
    });
  });

  it('leaves strings that are not URLs, and other values, alone', () => {
    expect(rewriteApiUrls({ host: '{hostname}', n: 3, nothing: null }, 'http://127.0.0.1:1')).toEqual({ host: '{hostname}', n: 3, nothing: null });
  });

  it('rewrites templated hosts (OKX, Bybit) and keeps their paths', () => {
    expect(rewriteApiUrls({ rest: 'https://{hostname}' }, 'http://127.0.0.1:9000')).toEqual({ rest: 'http://127.0.0.1:9000' });
    expect(rewriteApiUrls({ private: 'https://api.{hostname}/v5' }, 'http://127.0.0.1:9000')).toEqual({ private: 'http://127.0.0.1:9000/v5' });
  });

  it('does not change the input', () => {
    const api = { public: 'https://api.binance.com/api/v3' };
    rewriteApiUrls(api, 'http://127.0.0.1:1');
    expect(api.public).toBe('https://api.binance.com/api/v3');
  });
});
