import { useCallback, useEffect, useState } from 'react';
import { companionBaseUrl } from '../lib/companion-client';
import { type Problem, toProblem } from '../lib/companion-error';
import { getPairing } from '../lib/settings';
import { createWalletsClient, type WalletListItem, type WalletsClient } from '../lib/wallets-client';

export interface Wallets {
  wallets: WalletListItem[] | null;
  problem: Problem | null;
  reload(): Promise<void>;
  client(): Promise<WalletsClient>;
}

async function walletsClient(): Promise<WalletsClient> {
  const pairing = await getPairing();
  if (!pairing) throw new Error('The extension is not paired with the companion.');
  return createWalletsClient({ baseUrl: companionBaseUrl(pairing.port), auth: { kind: 'token', token: pairing.token } });
}

/** The tracked wallets, for the options page. */
export function useWallets(): Wallets {
  const [state, setState] = useState<{ wallets: WalletListItem[] | null; problem: Problem | null }>({ wallets: null, problem: null });
  const reload = useCallback(async () => {
    try {
      const wallets = await (await walletsClient()).list();
      setState({ wallets, problem: null });
    } catch (error) {
      setState((s) => ({ ...s, problem: toProblem(error) }));
    }
  }, []);
  useEffect(() => {
    void reload();
  }, [reload]);
  return { ...state, reload, client: walletsClient };
}
