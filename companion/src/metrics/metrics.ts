import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';

/**
 * Prometheus metrics (prom-client), served at /metrics behind the API token. A registry
 * per companion instance, so tests that start several companions do not collide.
 */
export function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'omnifolio_' });

  const syncRuns = new Counter({
    name: 'omnifolio_sync_runs_total',
    help: 'Sync runs by provider and outcome.',
    labelNames: ['provider', 'status'] as const,
    registers: [registry],
  });
  const syncDuration = new Histogram({
    name: 'omnifolio_sync_duration_seconds',
    help: 'Wall time of sync runs.',
    labelNames: ['provider'] as const,
    buckets: [0.1, 0.5, 1, 2, 5, 10, 30, 60, 120, 300],
    registers: [registry],
  });
  const httpRequests = new Counter({
    name: 'omnifolio_http_requests_total',
    help: 'API requests by route and status.',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [registry],
  });
  const ledgerBuilds = new Histogram({
    name: 'omnifolio_ledger_build_seconds',
    help: 'Rebuilds of the ledger behind performance (FIFO lots, cash flows) and their wall time: kind="build" from the first activity, kind="replay" from its checkpoint a week back.',
    labelNames: ['kind'],
    buckets: [0.01, 0.05, 0.1, 0.5, 1, 2, 5, 10, 30],
    registers: [registry],
  });
  const connections = new Gauge({
    name: 'omnifolio_connections',
    help: 'Connections by status.',
    labelNames: ['status'] as const,
    registers: [registry],
  });

  return {
    registry,
    recordRun(provider: string, status: 'succeeded' | 'failed', seconds: number) {
      syncRuns.inc({ provider, status });
      syncDuration.observe({ provider }, seconds);
    },
    recordRequest(method: string, route: string, status: number) {
      httpRequests.inc({ method, route, status: String(status) });
    },
    recordLedgerBuild(seconds: number, kind: 'build' | 'replay') {
      ledgerBuilds.observe({ kind }, seconds);
    },
    setConnections(byStatus: Record<string, number>) {
      connections.reset();
      for (const [status, n] of Object.entries(byStatus)) connections.set({ status }, n);
    },
  };
}

export type Metrics = ReturnType<typeof createMetrics>;
export type SyncMetrics = Pick<Metrics, 'recordRun'>;
export type LedgerMetrics = Pick<Metrics, 'recordLedgerBuild'>;
