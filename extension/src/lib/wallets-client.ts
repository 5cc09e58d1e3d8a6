import { createCompanionApi } from './companion-api';
import type { CompanionClientOptions } from './companion-client';

/**
 * The companion's wallet routes (and the link to its wallet-connect page) through Hono's typed client, with errors handled by companion-api.ts (a bad address names the `address` field).
 */
export function createWalletsClient(options: CompanionClientOptions) {
  const api = createCompanionApi(options, 30_000);

  return {
    list: async () => (await api.wallets.$get()).json(),
    addWatchOnly: async (input: { chainFamily: 'evm' | 'solana'; address: string; label?: string; chains?: string[] }) =>
      (await api.wallets.$post({ json: input })).json(),
    /** A one-time sign-in message (EIP-4361 or Sign-In With Solana) for the wallet to sign. */
    challenge: async (input: { chainFamily: 'evm' | 'solana'; address: string }) => (await api.wallets.challenge.$post({ json: input })).json(),
    /** Hands the signature back; the companion tracks the address only when it verifies. */
    verify: async (input: { nonce: string; signature: string; label?: string }) => (await api.wallets.verify.$post({ json: input })).json(),
    /** A one-time link that opens the companion's wallet-connect page signed in. */
    connectPageUrl: async () => (await api.session.link.$post({ query: { page: 'connect' } })).json(),
  };
}

export type WalletsClient = ReturnType<typeof createWalletsClient>;
export type WalletListItem = Awaited<ReturnType<WalletsClient['list']>>[number];
