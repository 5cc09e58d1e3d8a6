import type { WalletListItem } from '../lib/wallets-client';
import { ProblemMessage } from './ProblemMessage';
import { StatusPill } from './StatusPill';

/** One tracked wallet: its name, full address, how it was added, and its sync status. */
export function WalletRow({ wallet }: { wallet: WalletListItem }) {
  return (
    <li className="row" data-testid="wallet-row" data-status={wallet.status}>
      <div className="row__line">
        <span className="row__title">
          {wallet.label}
          <span className="tag">{wallet.ownership === 'watch-only' ? 'watch-only' : 'signed'}</span>
        </span>
        <StatusPill status={wallet.status} />
      </div>
      <div className="row__meta">
        <code>{wallet.address}</code> · {wallet.accounts.length === 1 ? '1 chain' : `${wallet.accounts.length} chains`}
      </div>
      {wallet.lastError !== null && wallet.status === 'error' && <ProblemMessage problem={wallet.lastError} compact />}
    </li>
  );
}
