import { dec, toDecimalString } from '@omnifolio/shared/money';
import type { ActivityRecord } from '@omnifolio/shared/schemas';
import { blofinUnreadable, hasStrings } from './blofin-raw.js';

/**
 * Transfers between the user's own BloFin accounts, `GET /api/v1/asset/bills` ("funds transfer
 * history", what ccxt's `fetchLedger` reads):
 * `{ "transferId": "591", "currency": "USDT", "fromAccount": "funding", "toAccount": "futures",
 *    "amount": "25.000000000000000000", "ts": "1697021343000", "clientId": "" }`.
 * One transfer is two activities: `transfer` −amount in the account it left and +amount in the
 * one it reached, each under its own reference, so each account's history adds up and the
 * performance engine sees no flow in or out of the portfolio. BloFin's account names (funding,
 * spot, futures, earn, copy_trading) are the account keys; a side in any other account is left out.
 */
export function blofinTransferActivities(raw: Record<string, unknown>, accountKeys: ReadonlySet<string>): ActivityRecord[] {
  if (!hasStrings(raw, ['transferId', 'currency', 'fromAccount', 'toAccount', 'amount', 'ts'])) throw blofinUnreadable('a transfer');
  const amount = dec(raw.amount === '' ? '0' : raw.amount).abs();
  if (amount.isZero()) return [];
  const leg = (account: string, direction: 'out' | 'in'): ActivityRecord[] =>
    accountKeys.has(account)
      ? [
          {
            accountKey: account,
            providerRef: `transfer:${raw.transferId}:${direction}`,
            type: 'transfer',
            executedAt: new Date(Number(raw.ts)).toISOString(),
            asset: raw.currency,
            quantity: toDecimalString(direction === 'out' ? amount.neg() : amount),
            quoteAsset: null,
            price: null,
            fee: null,
            feeAsset: null,
            raw,
          },
        ]
      : [];
  return [...leg(raw.fromAccount, 'out'), ...leg(raw.toAccount, 'in')];
}
