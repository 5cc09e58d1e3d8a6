import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ccxtExchangeCatalog } from './ccxt-exchange-catalog.js';
import { loadCcxt } from './load-ccxt.js';

describe('ccxt-exchanges.json', () => {
  it('was generated from the installed ccxt (run companion/scripts/generate-ccxt-exchanges.mjs after an upgrade)', () => {
    const installed = JSON.parse(readFileSync(new URL('../../../node_modules/ccxt/package.json', import.meta.url), 'utf8')) as { version: string };
    expect(ccxtExchangeCatalog().ccxtVersion).toBe(installed.version);
  });

  it('says what ccxt itself says about every exchange', async () => {
    const ccxt = await loadCcxt();
    const catalog = ccxtExchangeCatalog();
    expect(catalog.exchanges.map((e) => e.id).sort()).toEqual(Object.keys(ccxt.exchanges).sort());
    const pro = ccxt.pro as unknown as Record<string, new () => { has: Record<string, unknown> }>;
    for (const entry of catalog.exchanges) {
      const Rest = (
        ccxt.exchanges as unknown as Record<string, new () => { name: string; requiredCredentials: Record<string, boolean>; has: Record<string, unknown> }>
      )[entry.id];
      if (Rest === undefined) throw new Error(`ccxt has no class ${entry.id}`);
      const exchange = new Rest();
      expect(entry.name).toBe(exchange.name);
      expect(new Set(entry.credentials)).toEqual(new Set(Object.keys(exchange.requiredCredentials).filter((k) => exchange.requiredCredentials[k] === true)));
      const has = (Object.hasOwn(pro, entry.id) ? new (pro[entry.id] as new () => { has: Record<string, unknown> })() : exchange).has;
      for (const [key, value] of Object.entries(entry.has)) expect(value, `${entry.id}.${key}`).toBe(has[key] === true || has[key] === 'emulated');
    }
  });
});
