import type { ConnectionView } from '@omnifolio/shared/api';
import { useState } from 'react';
import { useEnvironment } from '../hooks/EnvironmentContext';
import { type Problem, toProblem } from '../lib/companion-error';
import { waitForRun } from '../lib/wait-for-run';
import { ConfirmButton } from './ConfirmButton';
import { ProblemMessage } from './ProblemMessage';
import { RelativeTime } from './RelativeTime';
import { SchwabSignInStatus } from './SchwabSignInStatus';
import { StatusPill } from './StatusPill';

export interface ManagedConnectionRowProps {
  connection: ConnectionView;
  providerName: string;
  onChanged(): void;
}

function everyText(minutes: number): string {
  if (minutes % 1440 === 0) return minutes === 1440 ? 'daily' : `every ${minutes / 1440} days`;
  if (minutes % 60 === 0) return minutes === 60 ? 'hourly' : `every ${minutes / 60} hours`;
  return `every ${minutes} minutes`;
}

/** A connection on the options page: its state in words, and what can be done with it. */
export function ManagedConnectionRow({ connection, providerName, onChanged }: ManagedConnectionRowProps) {
  const environment = useEnvironment();
  const [busy, setBusy] = useState<'sync' | 'pause' | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const paused = connection.status === 'paused';

  async function act(kind: 'sync' | 'pause' | 'remove') {
    if (kind !== 'remove') setBusy(kind);
    setProblem(null);
    try {
      const { client } = await environment.access();
      if (kind === 'sync') {
        const run = await client.syncConnection(connection.id);
        onChanged();
        await waitForRun(client, run);
      } else if (kind === 'pause') {
        await client.updateConnection(connection.id, { paused: !paused });
      } else {
        await client.removeConnection(connection.id);
      }
    } catch (error) {
      setProblem(toProblem(error));
    } finally {
      setBusy(null);
      onChanged();
    }
  }

  return (
    <li className="row" data-testid="connection-row" data-connection-id={connection.id} data-status={connection.status}>
      <div className="row__line">
        <span className="row__title">
          {connection.label}
          {connection.demo && <span className="tag">demo</span>}
        </span>
        <StatusPill status={busy === 'sync' && connection.status !== 'error' ? 'syncing' : connection.status} />
      </div>
      <div className="row__meta">
        {providerName} · syncs {everyText(connection.syncIntervalMinutes)} ·{' '}
        {connection.lastSuccessAt === null ? (
          'no successful sync yet'
        ) : (
          <>
            last good sync <RelativeTime iso={connection.lastSuccessAt} />
          </>
        )}
        {connection.consecutiveFailures > 1 && ` · failed ${connection.consecutiveFailures} times in a row`}
      </div>
      {connection.lastError !== null && connection.status === 'error' && <ProblemMessage problem={connection.lastError} compact />}
      {connection.warnings.map((warning) => (
        <ProblemMessage key={warning} problem={{ message: warning, hints: [] }} tone="warning" compact />
      ))}
      {problem !== null && <ProblemMessage problem={problem} compact />}
      {connection.providerId === 'schwab' && <SchwabSignInStatus connectionId={connection.id} onReauthorized={onChanged} />}
      <div className="row__actions">
        <button
          type="button"
          className="button button--small"
          data-testid="sync-connection"
          disabled={busy !== null || paused}
          aria-busy={busy === 'sync'}
          onClick={() => void act('sync')}
        >
          {busy === 'sync' ? 'Syncing…' : 'Sync now'}
        </button>
        <button type="button" className="button button--small" disabled={busy !== null} onClick={() => void act('pause')}>
          {paused ? 'Resume' : 'Pause'}
        </button>
        <ConfirmButton
          label="Remove"
          question={`Remove “${connection.label}” and its data? Its keys are deleted from the companion.`}
          confirmLabel="Remove"
          testId="remove-connection"
          small
          disabled={busy !== null}
          onConfirm={() => act('remove')}
        />
      </div>
    </li>
  );
}
