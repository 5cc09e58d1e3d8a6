import { Decimal, type DecimalInput, dec, toDecimalString } from '@omnifolio/shared/money';

/**
 * One acquisition or disposal of an asset, already expressed in the cost currency (the
 * user's base currency, or the quote currency of the trades when they share one).
 *
 * - `quantity` is always positive; `side` says which way it moved.
 * - `unitPrice` is the price per unit in the cost currency.
 * - `feeInCost` is a fee paid in some other asset, valued in the cost currency.
 * - `feeQuantity` is a fee taken from the asset itself (Binance takes a buyer's commission
 *   in the coin bought): a buy delivers `quantity - feeQuantity`, a sell removes
 *   `quantity + feeQuantity`.
 */
export interface LotTrade {
  id: string;
  assetId: string;
  side: 'buy' | 'sell';
  executedAt: string;
  // Decimal strings, or the Decimals a caller just computed: a whale's 260,000 trades would
  // otherwise be written out as strings only to be parsed again here.
  quantity: DecimalInput;
  unitPrice: DecimalInput;
  feeInCost?: DecimalInput;
  feeQuantity?: DecimalInput;
}

export interface OpenLot {
  tradeId: string;
  acquiredAt: string;
  quantity: string;
  /** What the remaining quantity cost, fees included, in the cost currency. */
  cost: string;
}

/** One sell matched against the lots it consumed: a closed trade. */
export interface ClosedTrade {
  tradeId: string;
  assetId: string;
  closedAt: string;
  quantity: string;
  proceeds: string;
  costBasis: string;
  realizedPnl: string;
  /** Quantity sold that no known lot covered (coins that arrived without a cost); excluded from PnL. */
  unmatchedQuantity: string;
}

export interface AssetLots {
  assetId: string;
  quantity: string;
  cost: string;
  realizedPnl: string;
  lots: OpenLot[];
}

export interface FifoLotsResult {
  byAsset: Map<string, AssetLots>;
  closedTrades: ClosedTrade[];
}

interface MutableLot {
  tradeId: string;
  acquiredAt: string;
  quantity: Decimal;
  cost: Decimal;
}

/** One asset's lots while trades are applied, oldest first: `front`, then `carried`, then `lots`. */
interface Pool {
  /** Lots of the earlier result (`from`), as written there: the ones no trade touches are passed on as they are. */
  carried: readonly OpenLot[];
  carriedHead: number;
  /** A carried lot that a sale has begun to consume, read into decimals. */
  front: MutableLot | null;
  /** Lots bought here. `head` is the oldest still open: consumed lots are passed, not shifted off (shift moves every lot after it, and a whale's pool holds tens of thousands). */
  lots: MutableLot[];
  head: number;
  /** What the open lots hold and cost, kept as they change rather than summed at the end, so a continued result sums as one pass does. */
  quantity: Decimal;
  cost: Decimal;
  realized: Decimal;
  /** The earlier result's entry, while no trade has touched this asset. */
  untouched: AssetLots | null;
}

const writeLot = (l: MutableLot): OpenLot => ({
  tradeId: l.tradeId,
  acquiredAt: l.acquiredAt,
  quantity: toDecimalString(l.quantity),
  cost: toDecimalString(l.cost),
});

/**
 * First-in-first-out lots from trades, fees included: a buy's fee adds to its lot's cost, a
 * sell's fee reduces its proceeds. Trades are processed in time order (ties by id, so the
 * result does not depend on input order).
 *
 * What it does not do: it does not convert currencies (the caller values every trade in
 * one cost currency), does not move lots between accounts (transfers between the user's
 * own accounts do not touch cost basis, so one pool per asset is the right model), and never
 * invents a cost for coins that arrive without one: a sell beyond the known lots reports the
 * excess as `unmatchedQuantity` and realizes nothing on it.
 *
 * `from` continues an earlier result: its open lots and realized PnL are where these trades
 * start, and its closed trades come first. Every trade given must then be later than all of
 * the earlier ones; the result is the same as of all the trades at once (decimals are written
 * out in full, so nothing is rounded on the way), and costs only as much as the trades given
 * and the lots they consume: the lots they leave alone are passed on as written.
 */
export function fifoLots(trades: readonly LotTrade[], from?: FifoLotsResult): FifoLotsResult {
  // Code-unit order, not localeCompare: ISO instants sort the same, at a fraction of the cost.
  const order = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  const sorted = [...trades].sort((a, b) => order(a.executedAt, b.executedAt) || order(a.id, b.id));
  const pools = new Map<string, Pool>();
  for (const [assetId, asset] of from?.byAsset ?? []) {
    pools.set(assetId, {
      carried: asset.lots,
      carriedHead: 0,
      front: null,
      lots: [],
      head: 0,
      quantity: dec(asset.quantity),
      cost: dec(asset.cost),
      realized: dec(asset.realizedPnl),
      untouched: asset,
    });
  }
  const closedTrades: ClosedTrade[] = from ? [...from.closedTrades] : [];

  for (const t of sorted) {
    let pool = pools.get(t.assetId);
    if (pool === undefined) {
      const zero = new Decimal(0);
      pool = { carried: [], carriedHead: 0, front: null, lots: [], head: 0, quantity: zero, cost: zero, realized: zero, untouched: null };
      pools.set(t.assetId, pool);
    }
    pool.untouched = null;
    const qty = dec(t.quantity);
    const price = dec(t.unitPrice);
    const feeCost = t.feeInCost ? dec(t.feeInCost) : new Decimal(0);
    const feeQty = t.feeQuantity ? dec(t.feeQuantity) : new Decimal(0);

    if (t.side === 'buy') {
      // The fee taken in the coin itself was paid for at the trade price: the lot holds less
      // quantity for the same money, which raises its unit cost.
      const lot = { tradeId: t.id, acquiredAt: t.executedAt, quantity: qty.minus(feeQty), cost: qty.mul(price).plus(feeCost) };
      pool.lots.push(lot);
      pool.quantity = pool.quantity.plus(lot.quantity);
      pool.cost = pool.cost.plus(lot.cost);
      continue;
    }

    let toRemove = qty.plus(feeQty);
    let basis = new Decimal(0);
    while (toRemove.gt(0)) {
      if (pool.front === null && pool.carriedHead < pool.carried.length) {
        const carried = pool.carried[pool.carriedHead++]!;
        pool.front = { tradeId: carried.tradeId, acquiredAt: carried.acquiredAt, quantity: dec(carried.quantity), cost: dec(carried.cost) };
      }
      const lot = pool.front ?? pool.lots[pool.head];
      if (lot === undefined) break;
      if (lot.quantity.lte(toRemove)) {
        basis = basis.plus(lot.cost);
        toRemove = toRemove.minus(lot.quantity);
        if (pool.front !== null) pool.front = null;
        else pool.head += 1;
      } else {
        const part = lot.cost.mul(toRemove).div(lot.quantity);
        basis = basis.plus(part);
        lot.cost = lot.cost.minus(part);
        lot.quantity = lot.quantity.minus(toRemove);
        toRemove = new Decimal(0);
      }
    }
    const removed = qty.plus(feeQty);
    const matched = removed.minus(toRemove);
    if (pool.front === null && pool.carriedHead === pool.carried.length && pool.head === pool.lots.length) {
      // Nothing left open: exactly nothing, not what rounding in the running sums may leave.
      pool.quantity = new Decimal(0);
      pool.cost = new Decimal(0);
    } else {
      pool.quantity = pool.quantity.minus(matched);
      pool.cost = pool.cost.minus(basis);
    }
    // Only the matched share of the sale has a known basis; proceeds are prorated the same way.
    const grossProceeds = qty.mul(price).minus(feeCost);
    const proceeds = removed.isZero() ? new Decimal(0) : grossProceeds.mul(matched).div(removed);
    const realized = proceeds.minus(basis);
    pool.realized = pool.realized.plus(realized);
    closedTrades.push({
      tradeId: t.id,
      assetId: t.assetId,
      closedAt: t.executedAt,
      quantity: toDecimalString(matched),
      proceeds: toDecimalString(proceeds),
      costBasis: toDecimalString(basis),
      realizedPnl: toDecimalString(realized),
      unmatchedQuantity: toDecimalString(toRemove),
    });
  }

  const byAsset = new Map<string, AssetLots>();
  for (const [assetId, pool] of pools) {
    if (pool.untouched !== null) {
      byAsset.set(assetId, pool.untouched);
      continue;
    }
    const open: OpenLot[] = pool.front === null ? [] : [writeLot(pool.front)];
    for (let i = pool.carriedHead; i < pool.carried.length; i++) open.push(pool.carried[i]!);
    for (let i = pool.head; i < pool.lots.length; i++) open.push(writeLot(pool.lots[i]!));
    byAsset.set(assetId, {
      assetId,
      quantity: toDecimalString(pool.quantity),
      cost: toDecimalString(pool.cost),
      realizedPnl: toDecimalString(pool.realized),
      lots: open,
    });
  }
  return { byAsset, closedTrades };
}

export interface AssetPnl {
  assetId: string;
  quantity: string;
  cost: string;
  realizedPnl: string;
  /** Value of the open lots at the price, minus their cost; null when the asset is unpriced. */
  unrealizedPnl: string | null;
  marketValue: string | null;
}

/** Realized and unrealized PnL per asset at the given prices (cost currency). Unpriced stays null, never zero. */
export function pnlPerAsset(lots: ReadonlyMap<string, AssetLots>, prices: ReadonlyMap<string, string>): AssetPnl[] {
  return [...lots.values()].map((a) => {
    const price = prices.get(a.assetId);
    const marketValue = price === undefined ? null : dec(a.quantity).mul(price);
    return {
      assetId: a.assetId,
      quantity: a.quantity,
      cost: a.cost,
      realizedPnl: a.realizedPnl,
      marketValue: marketValue === null ? null : toDecimalString(marketValue),
      unrealizedPnl: marketValue === null ? null : toDecimalString(marketValue.minus(a.cost)),
    };
  });
}
