import { UnavailableError } from '@omnifolio/shared/errors';
import { type DecimalString, toDecimalString } from '@omnifolio/shared/money';

/** KuCoin answered, but not with the shape we read. Not retried forever: the runner backs off. */
export function kucoinUnreadable(what: string): UnavailableError {
  return new UnavailableError(`KuCoin answered something Omnifolio could not read (${what}); it will try again later.`, {
    hints: ['If this keeps happening, KuCoin may have changed its API; the companion log has the details.'],
  });
}

/** KuCoin wraps every answer as `{ code: "200000", data }`; ccxt's implicit API hands back that envelope. */
export function kucoinData(body: unknown, what: string): unknown {
  if (body === null || typeof body !== 'object' || !('data' in body)) throw kucoinUnreadable(what);
  return (body as { data: unknown }).data;
}

/**
 * A KuCoin amount as a decimal string. The spot API sends strings ("0.00009788"); the futures API
 * sends JSON numbers (`"markPrice": 4183.38`), which JSON.parse has already made floats: their
 * shortest round-trip form is the exchange's own digits for the ≤ 15 significant digits it sends.
 */
export function kucoinDecimal(value: unknown, what: string): DecimalString {
  if (typeof value === 'string' && value !== '') return toDecimalString(value);
  if (typeof value === 'number' && Number.isFinite(value)) return toDecimalString(String(value));
  throw kucoinUnreadable(what);
}

/** KuCoin's futures API names bitcoin XBT; everywhere else (and in prices) it is BTC. */
export function kucoinAssetCode(currency: string): string {
  return currency === 'XBT' ? 'BTC' : currency;
}
