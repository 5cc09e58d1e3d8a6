import { randomUUID } from 'node:crypto';
import { type ConnectionSummary, type DisplayCurrency, type DualValue, isConvertedCurrency, type Overview, type PriceOrigin } from '@omnifolio/shared/api';
import { Decimal, dec, toDecimalString } from '@omnifolio/shared/money';
import { type DualPrice, valueHoldings } from '../engine/valuation.js';
import { currentPriceIn } from '../performance/base-currency-conversion.js';
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
  /** The user's base currency (settings); USD when not given. */
  baseCurrency?: () => DisplayCurrency;
  clock?: Clock;
}

/** An inverted rate keeps 28 significant digits, like every FX rate Omnifolio stores. */
const RateDecimal = Decimal.clone({ precision: 28, rounding: Decimal.ROUND_HALF_EVEN });

/**
 * The read side: current holdings from SQLite, prices from the cache, values from the pure
 * engine. Never calls a provider, so the dashboard answers at once.
 */
export function createPortfolioService(deps: PortfolioServiceDeps) {
  const clock = deps.clock ?? (() => new Date());

  /** Current prices as holdings are valued: the price service's, and brokers' marks where newer or alone. */
  function currentPrices(assetIds: readonly string[]) {
    const current = deps.pricing().current(assetIds);
    // Shares without a market price take their broker's mark (IBKR positions carry one).
    const marks = brokerMarkPrices(deps.storage, deps.pricing(), assetIds, current);
    for (const [id, price] of marks) current.set(id, price);
    return { current, marks };
  }

  function valuate() {
    const connections = deps.connections.list();
    const balances = deps.balances.listAll();
    const assetRows = deps.assets.listAll();
    const assets = new Map(assetRows.map((a) => [a.id, { symbol: a.symbol, name: a.name }]));
    const { current, marks } = currentPrices(balances.map((b) => b.assetId));
    const prices = new Map<string, DualPrice>([...current].map(([id, p]) => [id, { usd: p.usd, chf: p.chf }]));
    const valuation = valueHoldings(
      balances.map((b) => ({ connectionId: b.connectionId, assetId: b.assetId, quantity: b.total })),
      assets,
      prices,
      connections.map((c) => c.id),
    );
    return { connections, valuation, current, marks };
  }

  /**
   * The base currency block of the overview: for a currency other than USD and CHF, how many
   * units of it one US dollar buys, from that currency's price as a fiat holding (the ECB's
   * newest reference rate, or CoinGecko's intraday rate while the ECB's is stale).
   */
  function baseCurrency(currency: DisplayCurrency = deps.baseCurrency?.() ?? 'USD'): NonNullable<Overview['base']> {
    if (!isConvertedCurrency(currency)) return { currency, perUsd: null, fx: null };
    const price = deps
      .pricing()
      .current([`fiat:${currency}`])
      .get(`fiat:${currency}`);
    if (!price || dec(price.usd).isZero()) return { currency, perUsd: null, fx: null };
    // At an ECB rate, the same cross rate past days of the curve convert with (one division
    // through the euro), so a day without change is no change in any currency.
    const ecbDay = price.fx?.source === 'ECB' ? price.fx.asOf : null;
    const referenceRates = deps.pricing().referenceRates;
    const cross = ecbDay && referenceRates ? referenceRates.dailyCrossRates('USD', currency, ecbDay, ecbDay).get(ecbDay) : undefined;
    const perUsd = cross ?? toDecimalString(new Decimal(new RateDecimal(1).div(price.usd).toFixed()));
    return { currency, perUsd, fx: price.fx ?? null };
  }

  /**
   * Values in a converted base currency, priced like USD and CHF are: each holding at its
   * price in the base (`currentPriceIn`), each connection and the total as the sum of those,
   * so the parts add up to the total exactly. Undefined for USD and CHF or without a rate.
   */
  function baseValues(base: NonNullable<Overview['base']>, valuation: ReturnType<typeof valuate>['valuation'], current: Map<string, CurrentPrice>) {
    if (base.perUsd === null) return undefined;
    const priceOf = currentPriceIn(base.currency, base.perUsd);
    const byAsset = new Map<string, string>();
    const byConnection = new Map<string, Decimal>();
    let total = new Decimal(0);
    for (const h of valuation.holdings) {
      const price = current.get(h.assetId);
      if (h.value === null || !price) continue;
      const unit = dec(priceOf(h.assetId, price));
      byAsset.set(h.assetId, toDecimalString(dec(h.quantity).mul(unit)));
      total = total.plus(dec(h.quantity).mul(unit));
      for (const src of h.sources) byConnection.set(src.connectionId, (byConnection.get(src.connectionId) ?? new Decimal(0)).plus(dec(src.quantity).mul(unit)));
    }
    return {
      byAsset,
      byConnection: new Map([...byConnection].map(([id, v]) => [id, toDecimalString(v)])),
      total: toDecimalString(total),
    };
  }

  return {
    /** The user's base currency (or the one given) and its rate per US dollar now (see `Overview.base`). */
    baseCurrency,

    overview(): Overview {
      const { connections, valuation, current, marks } = valuate();
      const base = baseCurrency();
      const inBase = baseValues(base, valuation, current);
      const withBase = <T extends DualValue | null>(value: T, baseValue: string | undefined): T =>
        (value === null || baseValue === undefined ? value : { ...value, base: baseValue }) as T;
      const labels = new Map(connections.map((c) => [c.id, c.label]));
      // The total's line says how fresh the crypto source's prices are ("Prices from CoinGecko,
      // 2 minutes ago"). A fund's statement NAV, a broker's mark or a market close carries its
      // own date, shown with its holding: a NAV from March must not date CoinGecko's prices.
      const priceTimes = [...current.values()]
        .filter((p) => p.source === 'CoinGecko')
        .map((p) => p.asOf)
        .sort();
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
          value: withBase({ usd: v.usd, chf: v.chf }, inBase?.byConnection.get(c.id)),
          unpricedCount: v.unpricedCount,
          lastSync: latest ? toSyncRunView(latest) : null,
          lastSuccessAt: c.lastSuccessAt,
          lastError: c.lastError ?? null,
          warnings: c.warnings,
        };
      });
      return {
        asOf: clock().toISOString(),
        total: withBase(valuation.total, inBase?.total),
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
        base,
        connections: summaries,
        holdings: valuation.holdings.map((h) => ({
          ...h,
          value: withBase(h.value, inBase?.byAsset.get(h.assetId)),
          sources: h.sources.map((s) => ({ ...s, label: labels.get(s.connectionId) ?? s.connectionId })),
          unlisted: isUnlistedToken(h.assetId),
          price: h.value === null ? null : priceOrigin(current.get(h.assetId)),
        })),
        unpriced: valuation.unpriced,
      };
    },

    /**
     * Today's price of each asset as the overview values it (a broker's mark included), for
     * today's daily snapshot, which must agree with the overview.
     */
    currentPrices(assetIds: Iterable<string>) {
      return currentPrices([...assetIds]).current;
    },

    /** Prices now in a display currency (`fiat:<currency>` itself is exactly 1). */
    priceIn(currency: DisplayCurrency) {
      return currentPriceIn(currency, baseCurrency(currency).perUsd);
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

    /**
     * What the price refresh keeps current: every asset held, the currencies of broker marks,
     * and the base currency when it is converted (its rate values everything shown in it).
     */
    heldAssetIds(): string[] {
      const held = new Set(deps.balances.listAll().map((b) => b.assetId));
      const currency = deps.baseCurrency?.() ?? 'USD';
      const base = isConvertedCurrency(currency) ? [`fiat:${currency}`] : [];
      return [...new Set([...held, ...brokerMarkCurrencies(deps.storage, held), ...base])];
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
