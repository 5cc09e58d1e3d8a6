import { randomUUID } from 'node:crypto';
import type { ConnectionSummary, Overview, PriceOrigin } from '@omnifolio/shared/api';
import { type DualPrice, valueHoldings } from '../engine/valuation.js';
import type { CurrentPrice, FxUsed, PriceService } from '../pricing/price-service.js';
import type { Clock } from '../storage/clock.js';
import type { Storage } from '../storage/database.js';
import type { AssetsRepository } from '../storage/repositories/assets-repository.js';
import type { BalancesRepository } from '../storage/repositories/balances-repository.js';
import type { ConnectionsRepository } from '../storage/repositories/connections-repository.js';
import { type SyncRunsRepository, toSyncRunView } from '../storage/repositories/sync-runs-repository.js';
import { snapshots } from '../storage/schema/index.js';
import { isUnlistedToken } from '../wallets/curated-tokens.js';
import { brokerMarkCurrencies, brokerMarkPrices } from './broker-marks.js';

export interface PortfolioServiceDeps {
  storage: Storage;
  connections: ConnectionsRepository;
  balances: BalancesRepository;
  assets: AssetsRepository;
  syncRuns: SyncRunsRepository;
  pricing: () => PriceService;
  /** A label for where prices come from, shown in the dashboard (`CoinGecko`, `Demo prices`). */
  pricingLabel: () => string;
  clock?: Clock;
}

/**
 * The read side: current holdings from SQLite, prices from the cache, values from the pure
 * engine. Never calls a provider, so the dashboard answers at once.
 */
export function createPortfolioService(deps: PortfolioServiceDeps) {
  const clock = deps.clock ?? (() => new Date());

  function valuate() {
    const connections = deps.connections.list();
    const balances = deps.balances.listAll();
    const assetRows = deps.assets.listAll();
    const assets = new Map(assetRows.map((a) => [a.id, { symbol: a.symbol, name: a.name }]));
    const current = deps.pricing().current(balances.map((b) => b.assetId));
    // Shares without a market price take their broker's mark (IBKR positions carry one).
    const heldIds = balances.map((b) => b.assetId);
    const marks = brokerMarkPrices(deps.storage, deps.pricing(), heldIds, current);
    for (const [id, price] of marks) current.set(id, price);
    const prices = new Map<string, DualPrice>([...current].map(([id, p]) => [id, { usd: p.usd, chf: p.chf }]));
    const valuation = valueHoldings(
      balances.map((b) => ({ connectionId: b.connectionId, assetId: b.assetId, quantity: b.total })),
      assets,
      prices,
      connections.map((c) => c.id),
    );
    return { connections, valuation, current, marks };
  }

  return {
    overview(): Overview {
      const { connections, valuation, current, marks } = valuate();
      const labels = new Map(connections.map((c) => [c.id, c.label]));
      const priceTimes = [...current.values()].map((p) => p.asOf).sort();
      const summaries: ConnectionSummary[] = connections.map((c) => {
        const v = valuation.byConnection.get(c.id) ?? { usd: '0', chf: '0', unpricedCount: 0 };
        const latest = deps.syncRuns.latest(c.id);
        return {
          id: c.id,
          label: c.label,
          kind: c.kind,
          providerId: c.providerId,
          demo: c.demo,
          status: c.status,
          value: { usd: v.usd, chf: v.chf },
          unpricedCount: v.unpricedCount,
          lastSync: latest ? toSyncRunView(latest) : null,
          lastSuccessAt: c.lastSuccessAt,
          lastError: c.lastError ?? null,
          warnings: c.warnings,
        };
      });
      return {
        asOf: clock().toISOString(),
        total: valuation.total,
        pricing: {
          source: deps.pricingLabel(),
          asOf: priceTimes[0] ?? null,
          stale: [...current.values()].some((p) => p.stale),
          fx: fxShown(
            [
              ...current.values(),
              // A broker's mark in HKD or CHF was converted at that currency's rate.
              ...deps.pricing().current(brokerMarkCurrencies(deps.storage, marks.keys())).values(),
            ].flatMap((p) => (p.fx ? [p.fx] : [])),
          ),
        },
        connections: summaries,
        holdings: valuation.holdings.map((h) => ({
          ...h,
          sources: h.sources.map((s) => ({ ...s, label: labels.get(s.connectionId) ?? s.connectionId })),
          unlisted: isUnlistedToken(h.assetId),
          price: h.value === null ? null : priceOrigin(current.get(h.assetId)),
        })),
        unpriced: valuation.unpriced,
      };
    },

    /** Materializes the current valuation, in total and per connection, as snapshots. */
    recordSnapshot(kind: 'sync' | 'daily'): void {
      const { connections, valuation } = valuate();
      const at = clock().toISOString();
      const rows = [
        {
          id: randomUUID(),
          scope: 'total',
          kind,
          at,
          valueUsd: valuation.total.usd,
          valueChf: valuation.total.chf,
          unpricedCount: String(valuation.unpriced.length),
        },
        ...connections.map((c) => {
          const v = valuation.byConnection.get(c.id) ?? { usd: '0', chf: '0', unpricedCount: 0 };
          return { id: randomUUID(), scope: `connection:${c.id}`, kind, at, valueUsd: v.usd, valueChf: v.chf, unpricedCount: String(v.unpricedCount) };
        }),
      ];
      deps.storage.db.insert(snapshots).values(rows).run();
    },

    heldAssetIds(): string[] {
      const held = new Set(deps.balances.listAll().map((b) => b.assetId));
      return [...new Set([...held, ...brokerMarkCurrencies(deps.storage, held)])];
    },
  };
}

/**
 * The FX date to show beside the total: the ECB's reference day when any value was converted
 * at ECB rates (the oldest such day, if they differ), else CoinGecko's intraday instant.
 */
function fxShown(used: FxUsed[]): FxUsed | null {
  const ecb = used.filter((f) => f.source === 'ECB').sort((a, b) => (a.asOf < b.asOf ? -1 : 1));
  const pick = ecb[0] ?? used.sort((a, b) => (a.asOf < b.asOf ? -1 : 1))[0];
  return pick ? { source: pick.source, asOf: pick.asOf, stale: used.some((f) => f.stale) } : null;
}

export type PortfolioService = ReturnType<typeof createPortfolioService>;

/** A holding's price provenance for the dashboard: its source, when it was quoted, and whether it is out of date. */
function priceOrigin(price: CurrentPrice | undefined): PriceOrigin | null {
  if (!price) return null;
  return {
    source: price.source,
    asOf: price.asOf,
    ...(price.source === 'ECB' && price.fx ? { referenceDay: price.fx.asOf } : {}),
    stale: price.stale,
  };
}
