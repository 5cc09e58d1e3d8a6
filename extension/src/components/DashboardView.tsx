import { useState } from 'react';
import { useEnvironment } from '../hooks/EnvironmentContext';
import { useAfterFirstPaint } from '../hooks/useAfterFirstPaint';
import { useAnalytics } from '../hooks/useAnalytics';
import { useCurrency } from '../hooks/useCurrency';
import { useOverview } from '../hooks/useOverview';
import type { PerformanceRangeName } from '../lib/companion-client';
import { shownCurrencies, shownCurrency } from '../lib/format';
import type { Remembered } from '../lib/remembered';
import { ActivityList } from './ActivityList';
import { AllocationChart } from './AllocationChart';
import { ConnectionBreakdown } from './ConnectionBreakdown';
import { ConnectWalletButton } from './ConnectWalletButton';
import { CurrencyToggle } from './CurrencyToggle';
import { EmptyPortfolio } from './EmptyPortfolio';
import { EquityChart } from './EquityChart';
import { ExposureTable } from './ExposureTable';
import { HoldingsTable } from './HoldingsTable';
import { MetricsBar } from './MetricsBar';
import { PerformanceStats } from './PerformanceStats';
import { PositionsTable } from './PositionsTable';
import { RangeSelector } from './RangeSelector';
import { StatusNotice } from './StatusNotice';
import { SyncButton } from './SyncButton';
import { TotalValue } from './TotalValue';
import { UnpricedNote } from './UnpricedNote';

export interface DashboardViewProps {
  /** `popup`: compact, top holdings only. `page`: a full tab. */
  variant: 'popup' | 'page';
  /** The overview and currency of the last opening, read before the first render (lib/remembered.ts). */
  remembered?: Remembered;
}

const POPUP_HOLDINGS = 5;

/**
 * The dashboard: total and PnL, the equity curve, connections and holdings; the full tab
 * adds performance statistics, allocation, exposure and open positions. The same
 * components in the popup and in a tab.
 *
 * The popup paints its summary (the total and the PnL, or why they are missing) alone first,
 * and renders the rest in the next frame. It starts from scratch at every click, and the
 * browser's share of its first frame (style, layout, paint and raster) grows with what the
 * frame holds: with the curve, the connections and the holdings in it, the total appeared
 * about 35 ms later at the median (docs/performance.md). What follows is below the summary, so
 * nothing painted first moves.
 */
export function DashboardView({ variant, remembered }: DashboardViewProps) {
  const environment = useEnvironment();
  const overview = useOverview(environment, remembered?.cached ?? null);
  const [preferredCurrency, setCurrency] = useCurrency(environment, remembered?.currency ?? null);
  const [range, setRange] = useState<PerformanceRangeName>(variant === 'popup' ? '1M' : 'ALL');
  const { phase, data } = overview;
  // After "not paired" the numbers belong to nobody; after "down" they are the last known ones.
  const shown = phase === 'not-paired' ? null : data;
  const hasConnections = shown !== null && shown.overview.connections.length > 0;
  // The base currency is chosen in the options; the toggle moves between it, USD and CHF.
  const currency = preferredCurrency === null ? null : shownCurrency(preferredCurrency, shown?.overview);
  const analytics = useAnalytics(environment, phase === 'ready' && hasConnections, range, currency, shown?.fetchedAt ?? null, remembered?.analytics);
  // The popup's summary is painted alone first; the full tab renders everything at once.
  const whole = useAfterFirstPaint(variant === 'popup');

  return (
    <div className={`dashboard dashboard--${variant}`} aria-busy={phase === 'loading'}>
      <header className="dashboard__header">
        <h1 className="brand">
          <span className="brand__mark" aria-hidden="true" />
          Omnifolio
        </h1>
        <div className="toolbar">
          {currency !== null && <CurrencyToggle currency={currency} currencies={shownCurrencies(shown?.overview)} onChange={setCurrency} />}
          <SyncButton running={overview.sync.running} disabled={phase !== 'ready' || !hasConnections} onSync={() => void overview.syncNow()} />
        </div>
      </header>

      <StatusNotice overview={overview} onOpenOptions={environment.openOptions} />

      {shown !== null && currency !== null && (
        <main className="dashboard__body">
          <div className="dashboard__summary">
            <TotalValue overview={shown.overview} currency={currency} receivedAt={phase === 'ready' ? null : shown.fetchedAt} />
            {hasConnections && <MetricsBar performance={analytics.performance} currency={currency} />}
          </div>
          {!whole ? null : !hasConnections ? (
            phase === 'ready' && <EmptyPortfolio onOpenOptions={environment.openOptions} />
          ) : (
            <>
              <section className="panel" aria-labelledby="curve-heading">
                <div className="panel__header">
                  <h2 className="panel__heading" id="curve-heading">
                    Value over time
                  </h2>
                  <RangeSelector range={range} onChange={setRange} />
                </div>
                <EquityChart
                  history={analytics.history}
                  currency={currency}
                  height={variant === 'popup' ? 120 : 220}
                  pending={phase === 'loading' || phase === 'ready'}
                />
              </section>
              {variant === 'page' && (
                <div className="dashboard__columns">
                  {analytics.performance && <PerformanceStats performance={analytics.performance} currency={currency} />}
                  {analytics.allocation && <AllocationChart allocation={analytics.allocation} currency={currency} />}
                </div>
              )}
              {variant === 'page' && analytics.exposure && (
                <>
                  <ExposureTable exposure={analytics.exposure} currency={currency} />
                  <PositionsTable positions={analytics.exposure.positions} currency={currency} />
                </>
              )}
              <div className={variant === 'page' ? 'dashboard__columns' : undefined}>
                <ConnectionBreakdown connections={shown.overview.connections} currency={currency} holdings={shown.overview.holdings} />
                {shown.overview.holdings.length > 0 && (
                  <div>
                    <HoldingsTable holdings={shown.overview.holdings} currency={currency} {...(variant === 'popup' ? { limit: POPUP_HOLDINGS } : {})} />
                    <UnpricedNote unpriced={shown.overview.unpriced} holdings={shown.overview.holdings} />
                  </div>
                )}
              </div>
              {variant === 'page' && (
                <ActivityList
                  connections={shown.overview.connections}
                  refreshKey={shown.overview.connections.map((c) => `${c.id}@${c.lastSuccessAt ?? ''}`).join(',')}
                />
              )}
            </>
          )}
        </main>
      )}

      {shown === null && phase === 'loading' && (
        <p className="loading" role="status">
          <span className="spinner" aria-hidden="true" /> Asking the companion…
        </p>
      )}

      {whole && (environment.dashboardUrl !== null || environment.openOptions !== null) && (
        <footer className="dashboard__footer">
          <ConnectWalletButton className="link" />
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
