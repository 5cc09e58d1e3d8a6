import { useEffect } from 'react';
import { useExtensionEnvironment } from '../hooks/EnvironmentContext';
import { useCompanionResource } from '../hooks/useCompanionResource';
import { usePairing } from '../hooks/usePairing';
import { ConnectionsSection } from './ConnectionsSection';
import { DemoSection } from './DemoSection';
import { PairingSection } from './PairingSection';
import { SettingsSection } from './SettingsSection';
import { StatementsSection } from './StatementsSection';
import { TokensSection } from './TokensSection';
import { WalletsSection } from './WalletsSection';

const POLL_WHILE_SYNCING_MS = 1_500;

/** The options page: pairing, connections, wallets, demo portfolio, statements, currency and measurement, tokens. */
export function OptionsView() {
  const environment = useExtensionEnvironment();
  const pairing = usePairing(environment);
  const paired = pairing.pairing !== null;
  const connections = useCompanionResource((client) => client.connections(), paired);
  const providers = useCompanionResource((client) => client.providers(), paired);

  const anySyncing = connections.data?.some((c) => c.status === 'syncing') ?? false;
  const { reload } = connections;
  useEffect(() => {
    if (!anySyncing) return;
    const timer = setInterval(() => void reload(), POLL_WHILE_SYNCING_MS);
    return () => clearInterval(timer);
  }, [anySyncing, reload]);

  // Sections below need a companion that answers and accepts our token.
  const usable = paired && connections.data !== null;

  return (
    <div className="options">
      <header className="options__header">
        <h1 className="brand">
          <span className="brand__mark" aria-hidden="true" />
          Omnifolio
        </h1>
        <p className="text-muted">Settings for this browser</p>
      </header>
      <PairingSection
        pairing={pairing}
        accessProblem={paired ? connections.problem : null}
        checking={paired && connections.data === null && connections.problem === null}
        tokenLabel={environment.tokenLabel}
      />
      {usable && (
        <>
          <ConnectionsSection connections={connections} providers={providers} />
          <WalletsSection onChanged={() => void connections.reload()} />
          <DemoSection connections={connections.data ?? []} onChanged={() => void connections.reload()} />
          <StatementsSection />
          <SettingsSection />
          {pairing.pairing !== null && (
            <TokensSection
              currentTokenId={pairing.pairing.tokenId}
              onRevokedOwn={async () => {
                await environment.pairing.clearPairing();
              }}
            />
          )}
        </>
      )}
    </div>
  );
}
