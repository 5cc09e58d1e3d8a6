import { dec, toDecimalString } from '@omnifolio/shared/money';
import type { ActivityRecord, ActivityType } from '@omnifolio/shared/schemas';
import type { SchwabInstrument, SchwabTransaction, SchwabTransferItem } from './schwab-wire.js';

/** Shares per option contract when Schwab does not say (US equity options). */
export const SCHWAB_OPTION_MULTIPLIER = '100';

/** `2024-03-27T13:30:02+0000` → ISO; Schwab writes the offset without a colon. */
export function schwabTime(value: string): string {
  const withColon = value.replace(/([+-]\d{2})(\d{2})$/, '$1:$2');
  const at = Date.parse(withColon);
  if (!Number.isFinite(at)) throw new RangeError(`Schwab sent an unreadable time: ${value}`);
  return new Date(at).toISOString();
}

/** Option symbols are padded (`SPY   240621C00500000`); one space is enough to read them. */
export const schwabSymbol = (instrument: SchwabInstrument) => instrument.symbol.replace(/\s+/g, ' ').trim();

export const schwabMultiplier = (instrument: SchwabInstrument) =>
  instrument.assetType === 'OPTION' ? dec(instrument.optionPremiumMultiplier ?? SCHWAB_OPTION_MULTIPLIER) : dec('1');

const isSecurity = (item: SchwabTransferItem) => item.feeType === undefined && item.instrument.assetType !== 'CURRENCY';
/** A fee line's cost is negative (cash out); some answers carry it in `amount` instead. */
const feeOf = (item: SchwabTransferItem) => (dec(item.cost ?? '0').isZero() ? dec(item.amount ?? '0') : dec(item.cost)).abs();

/** Cash types whose direction is fixed; the others go by the sign of `netAmount`. */
const CASH_IN = new Set(['ACH_RECEIPT', 'CASH_RECEIPT', 'WIRE_IN']);
const CASH_OUT = new Set(['ACH_DISBURSEMENT', 'CASH_DISBURSEMENT', 'WIRE_OUT']);
const CASH_BY_SIGN = new Set(['ELECTRONIC_FUND', 'JOURNAL']);
/** Bookkeeping entries that move no cash or securities of their own. */
const NO_EFFECT = new Set(['MEMORANDUM', 'MARGIN_CALL', 'SMA_ADJUSTMENT']);

/**
 * One Schwab transaction as Omnifolio activities (usually one; a trade of several securities
 * gives one per security). Trades and money-market sweeps with a security leg become buys and
 * sells at the leg's price, with the fee lines (commission, SEC, TAF, option regulatory fees)
 * summed into the first; share deliveries (ACATS, option expiry) become signed transfers;
 * dividends and interest by the description, a negative one (tax withheld, ADR fee) a fee;
 * cash movements deposits or withdrawals. Entries other than VALID, memoranda and zero
 * amounts give nothing. Options count in shares (contracts × multiplier) at the per-share price.
 */
export function schwabActivities(accountKey: string, t: SchwabTransaction): ActivityRecord[] {
  if (t.status !== 'VALID' || NO_EFFECT.has(t.type)) return [];
  const executedAt = schwabTime(t.time);
  const ref = `schwab:${t.activityId}`;
  const securities = t.transferItems.filter(isSecurity);
  const net = dec(t.netAmount ?? '0');
  const cash = (type: ActivityType, amount = net.abs()): ActivityRecord => ({
    accountKey,
    providerRef: ref,
    type,
    executedAt,
    asset: 'USD',
    quantity: toDecimalString(amount),
    quoteAsset: null,
    price: null,
    fee: null,
    feeAsset: null,
    raw: t,
  });

  if ((t.type === 'TRADE' || t.type === 'MONEY_MARKET') && securities.length > 0) {
    const fee = t.transferItems.filter((i) => i.feeType !== undefined).reduce((sum, i) => sum.plus(feeOf(i)), dec('0'));
    return securities
      .filter((item) => !dec(item.amount).isZero())
      .map((item, index) => {
        const multiplier = schwabMultiplier(item.instrument);
        const units = dec(item.amount).times(multiplier);
        const price = item.price !== undefined ? dec(item.price) : dec(item.cost).abs().div(units.abs());
        return {
          accountKey,
          providerRef: index === 0 ? ref : `${ref}:${index}`,
          type: units.isPositive() ? 'buy' : 'sell',
          executedAt,
          asset: schwabSymbol(item.instrument),
          quantity: toDecimalString(units.abs()),
          quoteAsset: 'USD',
          price: toDecimalString(price),
          fee: index === 0 && !fee.isZero() ? toDecimalString(fee) : null,
          feeAsset: index === 0 && !fee.isZero() ? 'USD' : null,
          raw: t,
        } satisfies ActivityRecord;
      });
  }
  if ((t.type === 'RECEIVE_AND_DELIVER' || t.type === 'JOURNAL') && securities.length > 0) {
    return securities
      .filter((item) => !dec(item.amount).isZero())
      .map((item, index) => ({
        accountKey,
        providerRef: index === 0 ? ref : `${ref}:${index}`,
        type: 'transfer',
        executedAt,
        asset: schwabSymbol(item.instrument),
        // Signed: shares delivered out of the account are negative.
        quantity: toDecimalString(dec(item.amount).times(schwabMultiplier(item.instrument))),
        quoteAsset: null,
        price: null,
        fee: null,
        feeAsset: null,
        raw: t,
      }));
  }
  if (net.isZero()) return [];
  if (t.type === 'DIVIDEND_OR_INTEREST') {
    if (net.isNegative()) return [cash('fee')];
    return [cash(/\bINT(EREST)?\b/i.test(t.description ?? '') ? 'interest' : 'dividend')];
  }
  if (CASH_IN.has(t.type)) return [cash('deposit')];
  if (CASH_OUT.has(t.type)) return [cash('withdrawal')];
  if (CASH_BY_SIGN.has(t.type)) return [cash(net.isNegative() ? 'withdrawal' : 'deposit')];
  return [];
}
