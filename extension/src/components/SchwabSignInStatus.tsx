import type { SchwabSignInView } from '@omnifolio/shared/api';
import { useCallback, useEffect, useState } from 'react';
import { useEnvironment } from '../hooks/EnvironmentContext';
import { ProblemMessage } from './ProblemMessage';
import { SchwabAuthorize } from './SchwabAuthorize';

export interface SchwabSignInStatusProps {
  connectionId: string;
  /** Popup: show nothing until the sign-in is about to end or has ended. Options page: always offer Re-authorize. */
  onlyWhenDue?: boolean;
  onReauthorized?(): void;
}

/**
 * A Schwab connection's weekly sign-in: from 24 hours before Schwab ends it, the warning
 * (“Schwab sign-in expires in 11 h — Re-authorize.”) with the one-click Re-authorize beside it.
 */
export function SchwabSignInStatus({ connectionId, onlyWhenDue = false, onReauthorized }: SchwabSignInStatusProps) {
  const environment = useEnvironment();
  const [signIn, setSignIn] = useState<SchwabSignInView | null>(null);
  const load = useCallback(async () => {
    try {
      const client = await environment.schwab.client();
      setSignIn((await client.signIns()).find((s) => s.connectionId === connectionId) ?? null);
    } catch {
      // The connection row already says when the companion cannot be reached.
      setSignIn(null);
    }
  }, [environment, connectionId]);
  useEffect(() => {
    void load();
  }, [load]);

  const due = signIn !== null && (signIn.state === 'expiring' || signIn.state === 'expired');
  if (onlyWhenDue && !due) return null;
  return (
    <div className="schwab-sign-in" data-testid="schwab-sign-in" data-state={signIn?.state ?? 'loading'}>
      {due && signIn.message !== null && (
        <ProblemMessage problem={{ message: signIn.message, hints: [] }} tone={signIn.state === 'expired' ? 'error' : 'warning'} compact />
      )}
      <SchwabAuthorize
        small
        target={{ kind: 'reauthorize', connectionId }}
        onDone={() => {
          void load();
          onReauthorized?.();
        }}
      />
    </div>
  );
}
