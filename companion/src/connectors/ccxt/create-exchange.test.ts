import { NotSupportedError } from '@omnifolio/shared/errors';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../logging/logger.js';
import { createTestContext } from '../contract-suite.js';
import { createExchange } from './create-exchange.js';

const credentials = { apiKey: 'create-exchange-test-key-0123456789', secret: 'create-exchange-test-secret-0123456789' };

describe('createExchange', () => {
  it('rewrites every API URL to the override, merges options, keeps decimal strings', async () => {
    const ctx = createTestContext({ credentials, baseUrls: { binance: 'http://127.0.0.1:5999' } });
    const { exchange, apiOrigin, dispose } = await createExchange({
      ctx,
      exchangeId: 'binance',
      providerId: 'binance',
      options: { fetchMarkets: { types: ['spot'] }, fetchCurrencies: false },
    });
    try {
      const urls = Object.values(exchange.urls.api as Record<string, string>);
      expect(urls.length).toBeGreaterThan(10);
      expect(urls.every((u) => u.startsWith('http://127.0.0.1:5999/'))).toBe(true);
      expect((exchange.urls.api as Record<string, string>).sapi).toBe('http://127.0.0.1:5999/sapi/v1');
      expect(exchange.options.fetchMarkets).toMatchObject({ types: ['spot'] });
      expect(exchange.options.fetchCurrencies).toBe(false);
      // Other defaults survive the merge.
      expect(exchange.options.recvWindow).toBe(10_000);
      expect(exchange.enableRateLimit).toBe(true);
      expect(exchange.number('0.10000000')).toBe('0.10000000');
      expect(exchange.apiKey).toBe(credentials.apiKey);
      expect(apiOrigin).toBe('http://127.0.0.1:5999');
    } finally {
      dispose();
    }
  });

  it('leaves production URLs alone without an override', async () => {
    const { exchange, apiOrigin, dispose } = await createExchange({ ctx: createTestContext({ credentials }), exchangeId: 'binance', providerId: 'binance' });
    dispose();
    expect((exchange.urls.api as Record<string, string>).public).toBe('https://api.binance.com/api/v3');
    expect(apiOrigin).toBe('production');
  });

  it('signs with the injected clock', async () => {
    const ctx = createTestContext({ credentials });
    const { exchange, dispose } = await createExchange({
      ctx,
      exchangeId: 'binance',
      providerId: 'binance',
      clock: { now: () => 1_234, sleep: async () => {} },
    });
    dispose();
    expect(exchange.nonce()).toBe(1_234);
  });

  it('keeps credentials out of logs while the exchange is in use', async () => {
    const lines: string[] = [];
    const log = createLogger({ level: 'info', destination: { write: (line: string) => lines.push(line) } });
    const { dispose } = await createExchange({ ctx: createTestContext({ credentials }), exchangeId: 'binance', providerId: 'binance' });
    log.info({ note: `key ${credentials.apiKey} secret ${credentials.secret}` }, 'while in use');
    dispose();
    log.info({ note: `key ${credentials.apiKey}` }, 'after dispose');
    expect(lines[0]).not.toContain(credentials.apiKey);
    expect(lines[0]).not.toContain(credentials.secret);
    expect(lines[1]).toContain(credentials.apiKey);
  });

  it('refuses an exchange ccxt does not have', async () => {
    await expect(createExchange({ ctx: createTestContext({ credentials }), exchangeId: 'nonexistent', providerId: 'x' })).rejects.toBeInstanceOf(
      NotSupportedError,
    );
  });
});
