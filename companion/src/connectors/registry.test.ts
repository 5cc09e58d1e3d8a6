import { NotFoundError } from '@omnifolio/shared/errors';
import { describe, expect, it, vi } from 'vitest';

// A spy on ccxt's module: the factory runs only if something actually imports ccxt.
const ccxtImport = vi.hoisted(() => ({ count: 0 }));
vi.mock('ccxt', async (importOriginal) => {
  ccxtImport.count += 1;
  return importOriginal();
});

describe('connector registry', () => {
  it('lists and finds connectors without loading ccxt', async () => {
    const { getConnector, listConnectors } = await import('./registry.js');
    const { isCcxtLoaded } = await import('./ccxt/load-ccxt.js');
    const ids = listConnectors().map((c) => c.id);
    expect(ids).toContain('binance');
    expect(new Set(ids).size).toBe(ids.length);
    const binance = getConnector('binance');
    expect(binance).toMatchObject({ id: 'binance', kind: 'exchange', name: 'Binance' });
    expect(binance.credentials.map((c) => c.key)).toEqual(['apiKey', 'secret']);
    expect(ccxtImport.count).toBe(0);
    expect(isCcxtLoaded()).toBe(false);
  });

  it('the spy sees ccxt once a connector needs it', async () => {
    const { loadCcxt, isCcxtLoaded } = await import('./ccxt/load-ccxt.js');
    const [first, second] = await Promise.all([loadCcxt(), loadCcxt()]);
    expect(first).toBe(second);
    expect(ccxtImport.count).toBe(1);
    expect(isCcxtLoaded()).toBe(true);
  });

  it('names the supported providers when asked for an unknown one', async () => {
    const { getConnector } = await import('./registry.js');
    const error = (() => {
      try {
        getConnector('kraken');
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(NotFoundError);
    const { listConnectors } = await import('./registry.js');
    expect((error as NotFoundError).hints).toEqual([
      `Supported providers: ${listConnectors()
        .map((c) => c.id)
        .join(', ')}.`,
    ]);
  });
});
