import type { ConnectionSummary, HoldingView, QuoteCurrency } from '@omnifolio/shared/api';
import { ConnectionRow } from './ConnectionRow';

export interface ConnectionBreakdownProps {
  connections: ConnectionSummary[];
  currency: QuoteCurrency;
  /** The portfolio's holdings; each row lists its connection's part of them. */
  holdings?: HoldingView[];
}

export function ConnectionBreakdown({ connections, currency, holdings = [] }: ConnectionBreakdownProps) {
  return (
    <section className="panel" aria-labelledby="connections-heading">
      <h2 className="panel__heading" id="connections-heading">
        By connection
      </h2>
      <ul className="rows">
        {connections.map((connection) => (
          <ConnectionRow key={connection.id} connection={connection} currency={currency} holdings={holdings} />
        ))}
      </ul>
    </section>
  );
}
