import { createCompanionApi } from './companion-api';
import type { CompanionClientOptions } from './companion-client';

/**
 * The companion's wallet routes through Hono's typed client, with errors handled by companion-api.ts (a bad address names the `address` field).
 */
export function createWalletsClient(options: CompanionClientOptions) {
  const api = createCompanionApi(options, 30_000);

  return {
    list: async () => (await api.wallets.$get()).json(),
    addWatchOnly: async (input: { chainFamily: 'evm' | 'solana'; address: string; label?: string; chains?: string[] }) =>
      (await api.wallets.$post({ json: input })).json(),
  };
}

export type WalletsClient = ReturnType<typeof createWalletsClient>;
export type WalletListItem = Awaited<ReturnType<WalletsClient['list']>>[number];
