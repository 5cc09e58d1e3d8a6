import type { ConsentView } from '@omnifolio/shared/api';
import { captureProviderForCompanionId } from '../capture/providers';
import { ConfirmButton } from './ConfirmButton';
import { RelativeTime } from './RelativeTime';

/** What the person agreed to before capture, with a way to take it back. */
export function CaptureConsentsList({ consents, onRevoke }: { consents: ConsentView[]; onRevoke: (id: string) => Promise<void> }) {
  if (consents.length === 0) return <p className="text-muted">No capture agreements yet: the first capture from a provider asks.</p>;
  return (
    <ul className="rows" data-testid="consents-list">
      {consents.map((c) => {
        const name = captureProviderForCompanionId(c.providerId)?.name ?? c.providerId;
        return (
          <li key={c.id} className="row" data-testid="consent-row" data-revoked={c.revokedAt !== null}>
            <span>
              <strong>{name}</strong>
              <span className="text-muted">
                {' '}
                · agreed <RelativeTime iso={c.grantedAt} />
                {c.revokedAt !== null && (
                  <>
                    {' '}
                    · revoked <RelativeTime iso={c.revokedAt} />
                  </>
                )}{' '}
                · text SHA-256 {c.textSha256.slice(0, 12)}…
              </span>
            </span>
            {c.revokedAt === null && (
              <ConfirmButton
                small
                label="Revoke"
                question={`Stop capturing from ${name} until you agree again?`}
                confirmLabel="Revoke"
                onConfirm={() => onRevoke(c.id)}
                testId="consent-revoke"
              />
            )}
          </li>
        );
      })}
    </ul>
  );
}
