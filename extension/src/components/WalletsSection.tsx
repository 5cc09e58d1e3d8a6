import { useState } from 'react';
import { useWallets } from '../hooks/useWallets';
import { AddWalletForm } from './AddWalletForm';
import { ConnectWalletButton } from './ConnectWalletButton';
import { ProblemMessage } from './ProblemMessage';
import { Section } from './Section';
import { WalletRow } from './WalletRow';

/**
 * Self-custody wallets on the options page: the addresses tracked, and a form to add one
 * watch-only by pasting its address. Syncing and removing go through the connections list,
 * where each wallet also appears.
 */
export function WalletsSection({ onChanged }: { onChanged(): void }) {
  const wallets = useWallets();
  const [added, setAdded] = useState<string | null>(null);
  return (
    <Section
      id="wallets"
      title="Wallets"
      description="Connect Phantom or an EVM wallet (it signs a one-time message to prove the address is yours), or track a cold wallet by its public address. Omnifolio reads balances; it never asks for a key and cannot move funds."
      actions={<ConnectWalletButton />}
    >
      {wallets.problem !== null && <ProblemMessage problem={wallets.problem} />}
      {wallets.wallets !== null && wallets.wallets.length > 0 && (
        <ul className="rows" data-testid="wallet-list">
          {wallets.wallets.map((wallet) => (
            <WalletRow key={wallet.connectionId} wallet={wallet} />
          ))}
        </ul>
      )}
      {added !== null && (
        <p className="notice notice--info" role="status" data-testid="wallet-added">
          {added} is tracked; its first sync has started.
        </p>
      )}
      <AddWalletForm
        client={wallets.client}
        onAdded={(label) => {
          setAdded(label);
          void wallets.reload();
          onChanged();
        }}
      />
    </Section>
  );
}
