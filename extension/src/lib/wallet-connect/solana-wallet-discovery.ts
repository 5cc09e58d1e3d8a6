import { isWalletAdapterCompatibleStandardWallet } from '@solana/wallet-adapter-base';
import { StandardWalletAdapter } from '@solana/wallet-standard-wallet-adapter-base';
import { getWallets } from '@wallet-standard/app';

/** The feature Omnifolio needs from a Solana wallet: signing a plain message (the sign-in text). */
export const SOLANA_SIGN_MESSAGE = 'solana:signMessage';

export interface DiscoveredSolanaWallet {
  name: string;
  icon: string;
  adapter: StandardWalletAdapter;
}

/**
 * Solana wallets through the Wallet Standard (Phantom, Solflare, Backpack … register
 * themselves with it), each wrapped in the wallet adapter the Solana wallet-adapter project
 * ships for standard wallets. Only wallets that can sign a message are listed: that is how the
 * user proves the address is theirs. Calls `onChange` now and whenever a wallet registers or
 * unregisters; returns the function that stops listening.
 */
export function discoverSolanaWallets(onChange: (wallets: DiscoveredSolanaWallet[]) => void): () => void {
  const registry = getWallets();
  const adapters = new Map<string, DiscoveredSolanaWallet>();
  const update = () => {
    const seen = new Set<string>();
    for (const wallet of registry.get()) {
      if (!isWalletAdapterCompatibleStandardWallet(wallet) || !(SOLANA_SIGN_MESSAGE in wallet.features)) continue;
      seen.add(wallet.name);
      if (!adapters.has(wallet.name)) adapters.set(wallet.name, { name: wallet.name, icon: wallet.icon, adapter: new StandardWalletAdapter({ wallet }) });
    }
    for (const name of [...adapters.keys()]) if (!seen.has(name)) adapters.delete(name);
    onChange([...adapters.values()]);
  };
  const offRegister = registry.on('register', update);
  const offUnregister = registry.on('unregister', update);
  update();
  return () => {
    offRegister();
    offUnregister();
  };
}
