import { useEffect, useState } from 'react';
import { type Problem, toProblem } from '../lib/companion-error';
import { type DiscoveredEvmWallet, discoverEvmWallets, safeIcon } from '../lib/wallet-connect/evm-wallet-discovery';
import { type DiscoveredSolanaWallet, discoverSolanaWallets } from '../lib/wallet-connect/solana-wallet-discovery';
import { type ConnectedWallet, signInWithEvmWallet, signInWithSolanaWallet } from '../lib/wallet-connect/wallet-sign-in';
import type { WalletsClient } from '../lib/wallets-client';
import { ProblemMessage } from './ProblemMessage';
import { Section } from './Section';

export interface ConnectViewProps {
  wallets: WalletsClient;
  /** Where wallets announce themselves (the page's window). */
  target: Window;
}

interface Candidate {
  key: string;
  family: 'evm' | 'solana';
  name: string;
  icon: string | null;
  connect(): Promise<ConnectedWallet>;
}

/**
 * The wallet-connect page: lists the EVM wallets that announce themselves (EIP-6963) and the
 * Solana wallets registered with the Wallet Standard; one click connects a wallet, has it sign
 * the companion's one-time sign-in message, and tracks the address once the companion has
 * verified the signature. Nothing here can move funds: only an address and a signature of a
 * plain-text message leave the wallet.
 */
export function ConnectView({ wallets, target }: ConnectViewProps) {
  const [evm, setEvm] = useState<DiscoveredEvmWallet[]>([]);
  const [solana, setSolana] = useState<DiscoveredSolanaWallet[]>([]);
  const [busy, setBusy] = useState<string | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [connected, setConnected] = useState<ConnectedWallet[]>([]);

  useEffect(() => discoverEvmWallets(target, setEvm), [target]);
  useEffect(() => discoverSolanaWallets(setSolana), []);

  const candidates = (family: 'evm' | 'solana'): Candidate[] =>
    family === 'evm'
      ? evm.map((w) => ({ key: w.info.uuid, family, name: w.info.name, icon: safeIcon(w.info.icon), connect: () => signInWithEvmWallet(w, wallets) }))
      : solana.map((w) => ({ key: w.name, family, name: w.name, icon: safeIcon(w.icon), connect: () => signInWithSolanaWallet(w, wallets) }));

  async function connect(candidate: Candidate) {
    setProblem(null);
    setBusy(candidate.key);
    try {
      const wallet = await candidate.connect();
      setConnected((list) => [...list.filter((w) => w.connectionId !== wallet.connectionId), wallet]);
    } catch (error) {
      setProblem(toProblem(error));
    } finally {
      setBusy(null);
    }
  }

  const list = (family: 'evm' | 'solana', empty: string) => {
    const found = candidates(family);
    if (found.length === 0)
      return (
        <p className="text-muted" data-testid={`${family}-no-wallets`}>
          {empty}
        </p>
      );
    return (
      <ul className="rows" data-testid={`${family}-wallets`}>
        {found.map((candidate) => (
          <li className="row" key={candidate.key} data-testid="wallet-candidate" data-family={family}>
            <div className="row__line">
              <span className="row__title">
                {candidate.icon !== null && <img src={candidate.icon} alt="" width={20} height={20} className="wallet-icon" />}
                {candidate.name}
              </span>
              <button
                type="button"
                className="button button--primary button--small"
                onClick={() => void connect(candidate)}
                disabled={busy !== null}
                aria-busy={busy === candidate.key}
              >
                {busy === candidate.key ? `Check ${candidate.name}…` : 'Connect'}
              </button>
            </div>
          </li>
        ))}
      </ul>
    );
  };

  return (
    <div className="options">
      <header className="options__header">
        <h1 className="brand">
          <span className="brand__mark" aria-hidden="true" />
          Connect a wallet
        </h1>
        <p className="text-muted">
          Your wallet shares its public address and signs a one-time sign-in message, which the companion on this computer checks. Signing costs nothing and
          cannot move funds; Omnifolio never asks for a recovery phrase or a private key.
        </p>
      </header>
      {problem !== null && <ProblemMessage problem={problem} testId="connect-error" />}
      {connected.length > 0 && (
        <div className="notice notice--ok" role="status" data-testid="connected-wallets">
          <p className="notice__message">
            {connected.length === 1 ? 'Connected' : `Connected ${connected.length} wallets`}: their balances appear in the popup after the first sync.
          </p>
          <ul className="notice__list">
            {connected.map((w) => (
              <li key={w.connectionId} data-testid="connected-wallet">
                {w.label} <code>{w.address}</code>
              </li>
            ))}
          </ul>
          <a href="/">Open the dashboard</a>
        </div>
      )}
      <Section id="evm" title="Ethereum and EVM chains" description="Ethereum, Arbitrum, Optimism, Base, Polygon, BNB Chain and Avalanche C-Chain.">
        {list('evm', 'No EVM wallet announced itself on this page. Install or unlock one (MetaMask, Rabby, Coinbase Wallet …), then reload.')}
      </Section>
      <Section id="solana" title="Solana" description="SOL, SPL and Token-2022 tokens, and stake accounts.">
        {list(
          'solana',
          'No Solana wallet that can sign messages is registered on this page. Install or unlock Phantom (or Solflare, Backpack …), then reload.',
        )}
      </Section>
      <p className="text-muted">
        A hardware wallet you keep offline? Add it by its address in the extension’s options, under Wallets: it is tracked watch-only, without a signature.
      </p>
    </div>
  );
}
