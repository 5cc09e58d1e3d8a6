import type { ConnectionSummary, HoldingView, QuoteCurrency } from '@omnifolio/shared/api';
import { formatMoney } from '@omnifolio/shared/money';
import { connectionHoldingCount } from '../lib/connection-holdings';
import { pickValue, plural } from '../lib/format';
import { ConnectionHoldings } from './ConnectionHoldings';
import { ProblemMessage } from './ProblemMessage';
import { RelativeTime } from './RelativeTime';
import { SchwabSignInStatus } from './SchwabSignInStatus';
import { StatusPill } from './StatusPill';

export interface ConnectionRowProps {
  connection: ConnectionSummary;
  currency: QuoteCurrency;
  /** The portfolio's holdings: this connection's part of them is listed under the row when opened. */
  holdings?: readonly HoldingView[];
}

/** One connection in the breakdown: its value, whether it is in sync, and why not. */
export function ConnectionRow({ connection, currency, holdings = [] }: ConnectionRowProps) {
  const { lastSync } = connection;
  const value = pickValue(connection.value, currency) ?? '0';
  const held = connectionHoldingCount(holdings, connection.id);
  return (
    <li className="row" data-testid="connection-row" data-connection-id={connection.id} data-status={connection.status}>
      <div className="row__line">
        <span className="row__title">
          {connection.label}
          {connection.demo && <span className="tag">demo</span>}
        </span>
        <span className="row__value" data-testid="connection-value" data-currency={currency} data-value={value}>
          {formatMoney(value, currency)}
        </span>
      </div>
      <div className="row__line row__meta">
        <span>
          <StatusPill status={connection.status} />{' '}
          {lastSync === null ? (
            connection.lastSuccessAt === null ? (
              'never synced'
            ) : (
              <>
                synced <RelativeTime iso={connection.lastSuccessAt} />
              </>
            )
          ) : lastSync.status === 'running' ? (
            <>
              started <RelativeTime iso={lastSync.startedAt} />
            </>
          ) : lastSync.status === 'failed' ? (
            <>
              failed <RelativeTime iso={lastSync.finishedAt ?? lastSync.startedAt} />
              {connection.lastSuccessAt !== null && (
                <>
                  , last good sync <RelativeTime iso={connection.lastSuccessAt} />
                </>
              )}
            </>
          ) : (
            <>
              synced <RelativeTime iso={lastSync.finishedAt ?? lastSync.startedAt} />
            </>
          )}
        </span>
        {connection.unpricedCount > 0 && <span className="text-muted">+ {plural(connection.unpricedCount, 'unpriced asset')}</span>}
      </div>
      {connection.status === 'error' && connection.lastError !== null && <ProblemMessage problem={connection.lastError} compact />}
      {connection.warnings.map((warning) => (
        <ProblemMessage key={warning} problem={{ message: warning, hints: [] }} tone="warning" compact />
      ))}
      {connection.providerId === 'schwab' && <SchwabSignInStatus connectionId={connection.id} onlyWhenDue />}
      {held > 0 && <ConnectionHoldings holdings={holdings} connectionId={connection.id} count={held} currency={currency} />}
    </li>
  );
}
