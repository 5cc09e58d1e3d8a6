import { Decimal, dec, toDecimalString } from '@omnifolio/shared/money';
import type Database from 'better-sqlite3';
import { type AllocationClass, type AllocationItem, allocation } from '../engine/allocation.js';
import { equity } from '../engine/equity.js';
import { type DerivativeExposureInput, exposure, type SpotExposureInput } from '../engine/exposure.js';
import type { PriceService } from '../pricing/price-service.js';
import type { BaseCurrency } from '../settings/user-settings.js';
import { cashCurrencyOf } from './stablecoins.js';

export interface ExposureServiceDeps {
  sqlite: Database.Database;
  pricing: () => PriceService;
  /** Current prices in a display currency (`PortfolioService.priceIn`). */
  priceIn: (currency: BaseCurrency) => (assetId: string, price: { usd: string; chf: string }) => string;
}

const PENSION_ACCOUNTS = new Set(['pension_3a', 'vested_benefits']);
/** Quote currencies a derivatives symbol may end in when it is not in ccxt's `BASE/QUOTE:SETTLE` form. */
const QUOTES = ['USDT', 'USDC', 'BUSD', 'FDUSD', 'USD', 'EUR', 'BTC'];

/** The underlying of a derivatives symbol: `BTC/USDT:USDT` → BTC, `ETHUSDT` → ETH, `BTC-PERP` → BTC. */
export function underlyingOf(symbol: string): string {
  const s = symbol.toUpperCase();
  if (s.includes('/')) return s.split('/')[0]!;
  if (s.includes('-')) return s.split('-')[0]!;
  const quote = QUOTES.find((q) => s.endsWith(q) && s.length > q.length);
  return quote ? s.slice(0, -quote.length) : s;
}

interface HeldRow {
  accountId: string;
  accountType: string;
  connectionLabel: string;
  assetId: string;
  symbol: string;
  assetClass: string;
  quantity: string;
}

/**
 * Exposure and allocation of what is held now, valued at current prices (from the cache,
 * never a provider) in the base currency. Open derivatives come from the positions table;
 * their notional and PnL are in their settle asset (USDT, USDC, BTC…), valued like a
 * holding of it.
 */
export function createExposureService(deps: ExposureServiceDeps) {
  const held = deps.sqlite.prepare(
    `SELECT b.account_id AS accountId, a.type AS accountType, c.label AS connectionLabel, b.asset_id AS assetId,
            coalesce(s.symbol, b.asset_id) AS symbol, coalesce(s.asset_class, 'other') AS assetClass, b.total AS quantity
     FROM balances b JOIN accounts a ON a.id = b.account_id JOIN connections c ON c.id = a.connection_id
     LEFT JOIN assets s ON s.id = b.asset_id`,
  );
  const openPositions = deps.sqlite.prepare(
    `SELECT p.symbol, p.side, p.size_in_base AS sizeInBase, p.mark_price AS markPrice, p.notional, p.unrealized_pnl AS unrealizedPnl,
            p.entry_price AS entryPrice, p.leverage, p.liquidation_price AS liquidationPrice, p.settle_asset AS settleAsset, p.as_of AS asOf, c.label AS connectionLabel
     FROM positions p JOIN accounts a ON a.id = p.account_id JOIN connections c ON c.id = a.connection_id`,
  );

  function snapshot(currency: BaseCurrency) {
    const inBase = deps.priceIn(currency);
    const rows = held.all() as HeldRow[];
    const positions = openPositions.all() as {
      symbol: string;
      side: 'long' | 'short';
      sizeInBase: string;
      markPrice: string | null;
      notional: string | null;
      unrealizedPnl: string | null;
      entryPrice: string | null;
      leverage: string | null;
      liquidationPrice: string | null;
      settleAsset: string | null;
      asOf: string;
      connectionLabel: string;
    }[];
    const settleIds = positions.map((p) => settleAssetId(p.settleAsset));
    const prices = deps.pricing().current([...rows.map((r) => r.assetId), ...settleIds]);
    const priceOf = (assetId: string) => {
      const p = prices.get(assetId);
      return p ? dec(inBase(assetId, p)) : null;
    };
    return { rows, positions, priceOf };
  }

  function settleAssetId(code: string | null): string {
    const c = (code ?? 'USDT').toUpperCase();
    if (c === 'USD' || c === 'CHF' || c === 'EUR') return `fiat:${c}`;
    return ({ USDT: 'cg:tether', USDC: 'cg:usd-coin', BTC: 'cg:bitcoin', ETH: 'cg:ethereum' } as Record<string, string>)[c] ?? `sym:${c}`;
  }

  return {
    exposure(currency: BaseCurrency) {
      const { rows, positions, priceOf } = snapshot(currency);
      let spotTotal = new Decimal(0);
      const spot: SpotExposureInput[] = [];
      let unpriced = 0;
      for (const r of rows) {
        const price = priceOf(r.assetId);
        if (!price) {
          unpriced += 1;
          continue;
        }
        const value = dec(r.quantity).mul(price);
        spotTotal = spotTotal.plus(value);
        spot.push({ underlying: r.symbol, value: toDecimalString(value), cashLike: cashCurrencyOf(r.assetId) !== null });
      }
      let upnl = new Decimal(0);
      const derivatives: DerivativeExposureInput[] = [];
      const open = positions.map((p) => {
        const settlePrice = priceOf(settleAssetId(p.settleAsset));
        const notionalInSettle = p.notional !== null ? dec(p.notional).abs() : p.markPrice !== null ? dec(p.sizeInBase).abs().mul(p.markPrice) : null;
        const notional = notionalInSettle && settlePrice ? notionalInSettle.mul(settlePrice) : null;
        const pnl = p.unrealizedPnl !== null && settlePrice ? dec(p.unrealizedPnl).mul(settlePrice) : null;
        if (pnl) upnl = upnl.plus(pnl);
        if (notional) derivatives.push({ underlying: underlyingOf(p.symbol), side: p.side, notional: toDecimalString(notional) });
        return {
          platform: p.connectionLabel,
          symbol: p.symbol,
          side: p.side,
          size: p.sizeInBase,
          entryPrice: p.entryPrice,
          markPrice: p.markPrice,
          liquidationPrice: p.liquidationPrice,
          leverage: p.leverage,
          settleAsset: p.settleAsset,
          notional: notional ? toDecimalString(notional) : null,
          unrealizedPnl: pnl ? toDecimalString(pnl) : null,
          asOf: p.asOf,
        };
      });
      const eq = equity({ spot: toDecimalString(spotTotal), unrealizedPnl: toDecimalString(upnl) });
      return { currency, equity: eq, unpricedHoldings: unpriced, ...exposure(spot, derivatives, eq), positions: open };
    },

    allocation(currency: BaseCurrency) {
      const { rows, priceOf } = snapshot(currency);
      const items: AllocationItem[] = [];
      let unpriced = 0;
      for (const r of rows) {
        const price = priceOf(r.assetId);
        if (!price) {
          unpriced += 1;
          continue;
        }
        const cash = cashCurrencyOf(r.assetId);
        const assetClass: AllocationClass = PENSION_ACCOUNTS.has(r.accountType)
          ? 'pension'
          : cash !== null
            ? 'cash'
            : r.assetClass === 'equity' || r.assetClass === 'fund'
              ? r.assetClass
              : 'crypto';
        items.push({
          value: toDecimalString(dec(r.quantity).mul(price)),
          platform: r.connectionLabel,
          assetClass,
          currency: cash ?? (assetClass === 'crypto' ? 'crypto' : 'other'),
        });
      }
      return { currency, unpricedHoldings: unpriced, ...allocation(items) };
    },
  };
}

export type ExposureService = ReturnType<typeof createExposureService>;
