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

  it('lists the untested ccxt exchanges and resolves their ccxt:<id> providers without loading ccxt', async () => {
    const { getConnector, listConnectors, listUntestedConnectors } = await import('./registry.js');
    const { FULLY_SUPPORTED_CCXT_EXCHANGES } = await import('./ccxt/fully-supported-exchanges.js');
    const untested = listUntestedConnectors();
    const ids = untested.map((c) => c.id);
    expect(ids).toContain('ccxt:bitstamp');
    expect(ids).toContain('ccxt:binanceus');
    // The twelve fully supported exchanges, and ccxt's futures-only classes of the same accounts, are not
    // "untested" once their own connector is registered (until then the generic path keeps them reachable).
    expect([...FULLY_SUPPORTED_CCXT_EXCHANGES.values()].sort()).toEqual(
      [
        'binance',
        'binance',
        'binance',
        'okx',
        'bybit',
        'kucoin',
        'kucoin',
        'bitget',
        'mexc',
        'coinex',
        'blofin',
        'coinbase',
        'kraken',
        'krakenfutures',
        'gate',
        'htx',
      ].sort(),
    );
    const registered = new Set(listConnectors().map((c) => c.id));
    for (const [ccxtId, providerId] of FULLY_SUPPORTED_CCXT_EXCHANGES) {
      expect(ids.includes(`ccxt:${ccxtId}`), ccxtId).toBe(!registered.has(providerId));
    }
    expect(ids).not.toContain('ccxt:binance');
    expect(ids).not.toContain('ccxt:binanceusdm');
    expect(ids).not.toContain('ccxt:okx');
    // Wallet-signed venues would need a private key that can move funds.
    expect(ids).not.toContain('ccxt:hyperliquid');
    expect(getConnector('ccxt:bitstamp')).toBe(untested.find((c) => c.id === 'ccxt:bitstamp'));
    // Credential fields follow ccxt's requiredCredentials: Coinbase Exchange wants a passphrase, CoinMate a user id.
    expect(getConnector('ccxt:coinbaseexchange').credentials.map((c) => [c.key, c.secret])).toEqual([
      ['apiKey', false],
      ['secret', true],
      ['password', true],
    ]);
    expect(getConnector('ccxt:coinmate').credentials.map((c) => c.key)).toEqual(['apiKey', 'secret', 'uid']);
    expect(getConnector('ccxt:bitstamp').help).toBe(
      "Reads Bitstamp balances, trades and withdrawals through ccxt's generic support (trades only where Bitstamp lists them without naming a market). Futures positions and earn accounts are not read, and Omnifolio cannot check that the key is read-only, so create one that can only read.",
    );
    expect(ccxtImport.count).toBe(0);
  });

  it('refuses ccxt:<id> for a fully supported exchange or one ccxt does not have, and says what to use', async () => {
    const { getConnector } = await import('./registry.js');
    const failure = (id: string) => {
      try {
        getConnector(id);
      } catch (e) {
        return e as NotFoundError;
      }
      throw new Error(`${id} resolved`);
    };
    expect(failure('ccxt:okx')).toBeInstanceOf(NotFoundError);
    expect(failure('ccxt:okx').hints).toEqual(['OKX is fully supported: use the provider "okx".']);
    expect(failure('ccxt:binanceusdm').hints).toEqual(['Binance USDⓈ-M is fully supported: use the provider "binance".']);
    expect(failure('ccxt:no-such-exchange').shortMessage).toBe('ccxt has no exchange called "no-such-exchange".');
    expect(ccxtImport.count).toBe(0);
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
        getConnector('no-such-provider');
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
