import { dec, toDecimalString } from '@omnifolio/shared/money';
import type { ActivityRecord, ActivityType } from '@omnifolio/shared/schemas';
import { krakenSymbol } from './kraken-assets.js';
import { isoOfKrakenTime, isRecord, krakenUnreadable } from './kraken-raw.js';

/**
 * Kraken history rows as activities, from Kraken's strings.
 *
 * Trade, `POST /0/private/TradesHistory` → `trades`: `{ "THVRQM-…": { "pair": "XXBTZUSD", "type": "buy",
 * "price": "90000.1", "vol": "0.0025", "fee": "0.585", "time": 1688667796.8802, … } }`; the fee is in
 * the quote currency. A margin trade (`margin` ≠ 0) opens or closes a position rather than moving
 * coins: it is not recorded as a trade (the position and its settlement in the ledger are).
 *
 * Ledger entry, `POST /0/private/Ledgers` → `ledger`: `{ "L4UESK-…": { "type": "deposit", "subtype": "",
 * "asset": "ZUSD", "amount": "20000.0000", "fee": "0.0000", "time": 1688464484.1787, … } }`. `amount`
 * never includes `fee`: a withdrawal of `-0.5` with fee `0.0035` took 0.5035 from the balance.
 * - `deposit`, `withdrawal`: as such, the fee recorded;
 * - `staking`, `earn`/`reward`, and any positive `earn` entry that is not a move: rewards, in the
 *   staked asset's own code (`DOT.S` reward is DOT);
 * - `transfer` and `earn` allocations (spot ↔ staking, spot ↔ futures): transfers, signed as Kraken
 *   signs `amount` (negative on the side the coin left: `-250 DOT` spot, `+250 DOT.S` earn);
 * - `rollover` (margin interest): a fee;
 * - `margin` (a margin position settled): realized PnL, signed (negative for a loss), its fee as the fee;
 * - `trade` is read from TradesHistory, which carries pair and price; `spend`/`receive` (Buy Crypto)
 *   and `adjustment` are not recorded yet.
 */

export type KrakenRow = Record<string, unknown>;

export function krakenTradeActivity(
  tradeId: string,
  raw: unknown,
  pairs: ReadonlyMap<string, { base: string; quote: string }>,
  accountKey: string,
): ActivityRecord | undefined {
  const fields = ['pair', 'type', 'price', 'vol', 'fee'] as const;
  if (!isRecord(raw) || !fields.every((f) => typeof raw[f] === 'string') || typeof raw.time !== 'number') throw krakenUnreadable(`trade ${tradeId}`);
  const row = raw as Record<(typeof fields)[number], string> & { time: number };
  // A margin trade opens or closes a position (read from OpenPositions, settled in the ledger); it moves no coins.
  if (typeof raw.margin === 'string' && raw.margin !== '' && !dec(raw.margin).isZero()) return undefined;
  const pair = pairs.get(row.pair);
  if (pair === undefined) throw krakenUnreadable(`the pair ${row.pair}`);
  const fee = dec(row.fee);
  return {
    accountKey,
    providerRef: `trade:${tradeId}`,
    type: row.type === 'sell' ? 'sell' : 'buy',
    executedAt: isoOfKrakenTime(row.time),
    asset: krakenSymbol(pair.base),
    quantity: toDecimalString(row.vol),
    quoteAsset: krakenSymbol(pair.quote),
    price: toDecimalString(row.price),
    fee: fee.isZero() ? null : toDecimalString(fee),
    feeAsset: fee.isZero() ? null : krakenSymbol(pair.quote),
    raw,
  };
}

export function krakenLedgerActivity(ledgerId: string, raw: unknown, accountKeyOf: (asset: string) => string): ActivityRecord | undefined {
  const fields = ['type', 'asset', 'amount', 'fee'] as const;
  if (!isRecord(raw) || !fields.every((f) => typeof raw[f] === 'string') || typeof raw.time !== 'number') throw krakenUnreadable(`ledger entry ${ledgerId}`);
  const row = raw as Record<(typeof fields)[number], string> & { time: number; subtype?: unknown };
  const amount = dec(row.amount);
  const fee = dec(row.fee === '' ? '0' : row.fee);
  const asset = krakenSymbol(row.asset);
  // transfer and realized_pnl keep Kraken's sign (activity-deltas.ts applies it); every other type is a magnitude.
  const record = (type: ActivityType, quantity: ReturnType<typeof dec>, withFee: boolean): ActivityRecord | undefined =>
    quantity.isZero()
      ? undefined
      : {
          accountKey: accountKeyOf(row.asset),
          providerRef: `ledger:${ledgerId}`,
          type,
          executedAt: isoOfKrakenTime(row.time),
          asset,
          quantity: toDecimalString(type === 'transfer' || type === 'realized_pnl' ? quantity : quantity.abs()),
          quoteAsset: null,
          price: null,
          fee: withFee && !fee.isZero() ? toDecimalString(fee) : null,
          feeAsset: withFee && !fee.isZero() ? asset : null,
          raw,
        };
  const subtype = typeof row.subtype === 'string' ? row.subtype : '';
  switch (row.type) {
    case 'deposit':
      return record('deposit', amount, true);
    case 'withdrawal':
      return record('withdrawal', amount, true);
    case 'staking':
      return amount.isPositive() ? record('reward', amount, true) : record('transfer', amount, true);
    case 'earn':
      return subtype === 'reward' || (amount.isPositive() && !/alloc|migration|transfer/.test(subtype))
        ? record('reward', amount, true)
        : record('transfer', amount, true);
    case 'transfer':
      return record('transfer', amount, true);
    case 'rollover':
      return record('fee', fee.isZero() ? amount : fee, false);
    case 'margin':
      return amount.isZero() ? record('fee', fee, false) : record('realized_pnl', amount, true);
    default:
      return undefined;
  }
}
