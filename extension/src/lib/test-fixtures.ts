import type { ConnectionSummary, HoldingView, Overview, SyncRunView } from '@omnifolio/shared/api';

/** Small builders for the API's view types, so each test states only what it is about. */
export function syncRun(overrides: Partial<SyncRunView> = {}): SyncRunView {
  return {
    id: 'run-1',
    connectionId: 'conn-1',
    trigger: 'manual',
    status: 'succeeded',
    startedAt: '2025-03-01T12:00:00.000Z',
    finishedAt: '2025-03-01T12:00:03.000Z',
    counts: { balances: 3, activities: 0, positions: 0 },
    requests: 4,
    error: null,
    ...overrides,
  };
}

export function connectionSummary(overrides: Partial<ConnectionSummary> = {}): ConnectionSummary {
  return {
    id: 'conn-1',
    label: 'Binance',
    kind: 'exchange',
    providerId: 'binance',
    demo: false,
    status: 'ok',
    value: { usd: '100', chf: '90' },
    unpricedCount: 0,
    lastSync: syncRun(),
    lastSuccessAt: '2025-03-01T12:00:03.000Z',
    lastError: null,
    warnings: [],
    ...overrides,
  };
}

export function holding(overrides: Partial<HoldingView> = {}): HoldingView {
  return {
    assetId: `asset-${overrides.symbol ?? 'BTC'}`,
    symbol: 'BTC',
    name: 'Bitcoin',
    quantity: '1',
    priceUsd: '60000',
    value: { usd: '60000', chf: '54000' },
    sources: [{ connectionId: 'conn-1', label: 'Binance', quantity: '1' }],
    unlisted: false,
    price: { source: 'CoinGecko', asOf: '2025-03-01T12:00:00.000Z', stale: false },
    ...overrides,
  };
}

export function overviewOf(overrides: Partial<Overview> = {}): Overview {
  return {
    asOf: '2025-03-01T12:00:05.000Z',
    total: { usd: '100', chf: '90' },
    pricing: { source: 'coingecko', asOf: '2025-03-01T12:00:00.000Z', stale: false },
    connections: [connectionSummary()],
    holdings: [],
    unpriced: [],
    ...overrides,
  };
}
