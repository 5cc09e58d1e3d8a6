import type { ConnectionView, ProviderView } from '@omnifolio/shared/api';
import type { CompanionResource } from '../hooks/useCompanionResource';
import { AddConnectionForm } from './AddConnectionForm';
import { ManagedConnectionRow } from './ManagedConnectionRow';
import { ProblemMessage } from './ProblemMessage';
import { Section } from './Section';

export interface ConnectionsSectionProps {
  connections: CompanionResource<ConnectionView[]>;
  providers: CompanionResource<ProviderView[]>;
}

export function ConnectionsSection({ connections, providers }: ConnectionsSectionProps) {
  const list = connections.data ?? [];
  const providerName = (id: string) => providers.data?.find((p) => p.id === id)?.name ?? id;
  return (
    <>
      <Section id="connections" title="Connections" description="Exchanges, wallets and brokers the companion reads, with read-only keys.">
        {connections.problem !== null && <ProblemMessage problem={connections.problem} />}
        {connections.data !== null && list.length === 0 && <p className="text-muted">No connections yet. Add one below.</p>}
        {list.length > 0 && (
          <ul className="rows">
            {list.map((connection) => (
              <ManagedConnectionRow
                key={connection.id}
                connection={connection}
                providerName={providerName(connection.providerId)}
                onChanged={() => void connections.reload()}
              />
            ))}
          </ul>
        )}
      </Section>
      <Section id="add-connection" title="Add a connection">
        {providers.problem !== null && <ProblemMessage problem={providers.problem} />}
        {providers.data !== null && (
          <AddConnectionForm
            providers={providers.data}
            hasDemo={list.some((c) => c.demo)}
            onSaved={() => void connections.reload()}
            onAuthorized={() => void connections.reload()}
          />
        )}
      </Section>
    </>
  );
}
