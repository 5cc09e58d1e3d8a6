import type { TokenView } from '@omnifolio/shared/api';
import { ConfirmButton } from './ConfirmButton';
import { RelativeTime } from './RelativeTime';

export interface TokenRowProps {
  token: TokenView;
  isThisBrowser: boolean;
  onRevoke(): Promise<void>;
}

export function TokenRow({ token, isThisBrowser, onRevoke }: TokenRowProps) {
  const revoked = token.revokedAt !== null;
  return (
    <li className={revoked ? 'row row--muted' : 'row'} data-testid="token-row" data-token-id={token.id}>
      <div className="row__line">
        <span className="row__title">
          {token.label}
          {isThisBrowser && <span className="tag">this browser</span>}
        </span>
        {revoked ? (
          <span className="text-muted">
            revoked <RelativeTime iso={token.revokedAt ?? token.createdAt} />
          </span>
        ) : (
          <ConfirmButton
            label="Revoke"
            question={isThisBrowser ? 'Revoke this browser’s own token? It will be unpaired.' : `Revoke “${token.label}”?`}
            confirmLabel="Revoke"
            testId="revoke-token"
            onConfirm={onRevoke}
          />
        )}
      </div>
      <div className="row__meta">
        created <RelativeTime iso={token.createdAt} /> ·{' '}
        {token.lastUsedAt === null ? (
          'never used'
        ) : (
          <>
            last used <RelativeTime iso={token.lastUsedAt} />
          </>
        )}
      </div>
    </li>
  );
}
