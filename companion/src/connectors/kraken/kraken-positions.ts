import { dec, toDecimalString } from '@omnifolio/shared/money';
import type { PositionRecord } from '@omnifolio/shared/schemas';
import { krakenSymbol } from './kraken-assets.js';
import { isRecord, krakenUnreadable, unsigned } from './kraken-raw.js';

/**
 * Open spot margin positions, `POST /0/private/OpenPositions` with `docalcs=true`:
 * `{ "TF5GVO-T7ZZ2-6NBKBI": { "pair": "XXBTZUSD", "type": "buy", "cost": "36000.00000", "vol": "0.50000000",
 *    "vol_closed": "0.00000000", "margin": "7200.00000", "value": "46028.7", "net": "+10028.7000", … } }`
 * - the position is `vol` − `vol_closed` of the base, long for `buy`;
 * - entry price = cost ÷ vol (cost is what the whole opening volume cost);
 * - `value` is what the open volume is worth now: notional, and mark price = value ÷ open volume;
 * - `net` is the unrealized PnL (with a sign Kraken writes out); margin = `margin`;
 * - leverage = cost ÷ margin; Kraken margin is cross-margined over the account and the API gives no
 *   liquidation price (Kraken liquidates at a margin level, not a price);
 * - settles in the quote currency of the pair. `pairs` maps Kraken's pair names to base and quote.
 */
export function krakenPositions(
  result: Record<string, unknown>,
  pairs: ReadonlyMap<string, { base: string; quote: string }>,
  accountKey: string,
  asOf: string,
): PositionRecord[] {
  return Object.entries(result).map(([positionId, row]): PositionRecord => {
    const fields = ['pair', 'type', 'cost', 'vol', 'vol_closed', 'margin'] as const;
    if (!isRecord(row) || !fields.every((f) => typeof row[f] === 'string')) throw krakenUnreadable(`margin position ${positionId}`);
    const r = row as Record<(typeof fields)[number], string> & { value?: unknown; net?: unknown };
    const pair = pairs.get(r.pair);
    if (pair === undefined) throw krakenUnreadable(`the pair ${r.pair}`);
    const volume = dec(r.vol);
    const open = volume.minus(r.vol_closed);
    const value = typeof r.value === 'string' && r.value !== '' ? dec(r.value) : undefined;
    const margin = dec(r.margin);
    const entry = volume.isZero() ? undefined : dec(r.cost).div(volume);
    return {
      accountKey,
      symbol: `${krakenSymbol(pair.base)}/${krakenSymbol(pair.quote)}`,
      side: r.type === 'sell' ? 'short' : 'long',
      contracts: toDecimalString(open),
      sizeInBase: toDecimalString(open),
      entryPrice: entry === undefined ? null : toDecimalString(entry.toDecimalPlaces(18)),
      markPrice: value === undefined || open.isZero() ? null : toDecimalString(value.div(open).toDecimalPlaces(18)),
      notional: value === undefined ? null : toDecimalString(value),
      unrealizedPnl: typeof r.net === 'string' && r.net !== '' ? toDecimalString(unsigned(r.net)) : null,
      leverage: margin.isZero() ? null : toDecimalString(dec(r.cost).div(margin).toDecimalPlaces(8)),
      liquidationPrice: null,
      marginMode: 'cross',
      margin: toDecimalString(margin),
      settleAsset: krakenSymbol(pair.quote),
      asOf,
    };
  });
}
