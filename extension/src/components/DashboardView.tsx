import { useEnvironment } from '../hooks/EnvironmentContext';
import { useCurrency } from '../hooks/useCurrency';
import { useOverview } from '../hooks/useOverview';
import { ConnectionBreakdown } from './ConnectionBreakdown';
import { CurrencyToggle } from './CurrencyToggle';
import { EmptyPortfolio } from './EmptyPortfolio';
import { HoldingsTable } from './HoldingsTable';
import { StatusNotice } from './StatusNotice';
import { SyncButton } from './SyncButton';
import { TotalValue } from './TotalValue';
import { UnpricedNote } from './UnpricedNote';

export interface DashboardViewProps {
  /** `popup`: compact, top holdings only. `page`: a full tab. */
  variant: 'popup' | 'page';
}

const POPUP_HOLDINGS = 5;

/** The dashboard: total, breakdown per connection, holdings. Same in the popup and in a tab. */
export function DashboardView({ variant }: DashboardViewProps) {
  const environment = useEnvironment();
  const overview = useOverview(environment);
  const [currency, setCurrency] = useCurrency(environment);
  const { phase, data } = overview;
  // After "not paired" the numbers belong to nobody; after "down" they are the last known ones.
  const shown = phase === 'not-paired' ? null : data;

  return (
    <div className={`dashboard dashboard--${variant}`} aria-busy={phase === 'loading'}>
      <header className="dashboard__header">
        <h1 className="brand">
          <span className="brand__mark" aria-hidden="true" />
          Omnifolio
        </h1>
        <div className="toolbar">
          {currency !== null && <CurrencyToggle currency={currency} onChange={setCurrency} />}
          <SyncButton
            running={overview.sync.running}
            disabled={phase !== 'ready' || shown === null || shown.overview.connections.length === 0}
            onSync={() => void overview.syncNow()}
          />
        </div>
      </header>

      <StatusNotice overview={overview} onOpenOptions={environment.openOptions} />

      {shown !== null && currency !== null && (
        <main className="dashboard__body">
          <TotalValue overview={shown.overview} currency={currency} receivedAt={phase === 'ready' ? null : shown.fetchedAt} />
          {shown.overview.connections.length === 0 ? (
            phase === 'ready' && <EmptyPortfolio onOpenOptions={environment.openOptions} />
          ) : (
            <div className={variant === 'page' ? 'dashboard__columns' : undefined}>
              <ConnectionBreakdown connections={shown.overview.connections} currency={currency} />
              {shown.overview.holdings.length > 0 && (
                <div>
                  <HoldingsTable holdings={shown.overview.holdings} currency={currency} {...(variant === 'popup' ? { limit: POPUP_HOLDINGS } : {})} />
                  <UnpricedNote unpriced={shown.overview.unpriced} />
                </div>
              )}
            </div>
          )}
        </main>
      )}

      {shown === null && phase === 'loading' && (
        <p className="loading" role="status">
          <span className="spinner" aria-hidden="true" /> Asking the companion…
        </p>
      )}

      {(environment.dashboardUrl !== null || environment.openOptions !== null) && (
        <footer className="dashboard__footer">
          {variant === 'popup' && environment.dashboardUrl !== null && (
            <a href={environment.dashboardUrl} target="_blank" rel="noreferrer" className="link" data-testid="open-dashboard">
              Open full dashboard
            </a>
          )}
          {environment.openOptions !== null && (
            <button type="button" className="link" onClick={environment.openOptions}>
              Connections and settings
            </button>
          )}
        </footer>
      )}
    </div>
  );
}
