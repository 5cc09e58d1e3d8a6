import { describe, expect, it, vi } from 'vitest';

// A spy on viem's module: the factory runs only if something actually imports viem.
const viemImport = vi.hoisted(() => ({ count: 0 }));
vi.mock('viem', async (importOriginal) => {
  viemImport.count += 1;
  return importOriginal();
});

describe('the EVM connector in the registry', () => {
  it('is registered as a wallet connector, and listing it does not load viem', async () => {
    const { getConnector } = await import('../registry.js');
    const evm = getConnector('evm');
    expect(evm).toMatchObject({ id: 'evm', kind: 'wallet', capabilities: { balances: true } });
    expect(evm.credentials.map((c) => [c.key, c.secret, c.optional ?? false])).toEqual([
      ['address', false, false],
      ['chains', false, true],
      ['rpcUrls', true, true],
      ['alchemyKey', true, true],
      ['tokens', false, true],
    ]);
    expect(viemImport.count).toBe(0);
  });
});
