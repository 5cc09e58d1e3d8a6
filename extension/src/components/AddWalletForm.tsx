import { type FormEvent, useState } from 'react';
import { type Problem, toProblem } from '../lib/companion-error';
import type { WalletsClient } from '../lib/wallets-client';
import { ProblemMessage } from './ProblemMessage';

export interface AddWalletFormProps {
  client(): Promise<WalletsClient>;
  onAdded(label: string): void;
}

/**
 * Adds a watch-only address (a hardware wallet's, say), EVM or Solana. Only the public address
 * is asked for; the companion checks it (EIP-55 checksum, base58 and length) and says which
 * field is wrong.
 */
export function AddWalletForm({ client, onAdded }: AddWalletFormProps) {
  const [chainFamily, setChainFamily] = useState<'evm' | 'solana'>('evm');
  const [address, setAddress] = useState('');
  const [label, setLabel] = useState('');
  const [problem, setProblem] = useState<Problem | null>(null);
  const [saving, setSaving] = useState(false);

  async function save(event: FormEvent) {
    event.preventDefault();
    setProblem(null);
    setSaving(true);
    try {
      const wallet = await (await client()).addWatchOnly({ chainFamily, address, ...(label.trim() ? { label: label.trim() } : {}) });
      setAddress('');
      setLabel('');
      onAdded(wallet.label);
    } catch (error) {
      setProblem(toProblem(error));
    } finally {
      setSaving(false);
    }
  }

  return (
    <form className="form" onSubmit={save} noValidate aria-label="Add a watch-only wallet">
      <div className="form__row">
        <label className="field field--narrow">
          <span className="field__label">Chain</span>
          <select
            className="input"
            data-testid="wallet-family"
            value={chainFamily}
            onChange={(event) => setChainFamily(event.target.value === 'solana' ? 'solana' : 'evm')}
          >
            <option value="evm">EVM</option>
            <option value="solana">Solana</option>
          </select>
        </label>
        <label className="field">
          <span className="field__label">Address</span>
          <input
            className="input"
            data-testid="wallet-address"
            value={address}
            onChange={(event) => setAddress(event.target.value)}
            placeholder={chainFamily === 'evm' ? '0x…' : 'base58, e.g. 4Qkev8aN…'}
            spellCheck={false}
            autoComplete="off"
            required
          />
        </label>
        <label className="field">
          <span className="field__label">Name</span>
          <input className="input" data-testid="wallet-label" value={label} onChange={(event) => setLabel(event.target.value)} placeholder="Ledger" />
        </label>
      </div>
      <p className="form__help">
        {chainFamily === 'evm'
          ? 'Read on Ethereum, Arbitrum, Optimism, Base, Polygon, BNB Chain and Avalanche.'
          : 'SOL, SPL and Token-2022 tokens, and stake accounts.'}{' '}
        Only the public address: never enter a private key or recovery phrase.
      </p>
      {problem !== null && <ProblemMessage problem={problem} testId="wallet-error" />}
      <div className="form__actions">
        <button type="submit" className="button" data-testid="add-wallet" disabled={saving || address.trim() === ''} aria-busy={saving}>
          {saving ? 'Adding…' : 'Track address'}
        </button>
      </div>
    </form>
  );
}
