import { dec, toDecimalString } from '@omnifolio/shared/money';
import type { ActivityRecord } from '@omnifolio/shared/schemas';
import { bybitUnreadable, hasStrings } from './bybit-raw.js';

/**
 * Transfers between the user's own Bybit accounts, `GET /v5/asset/transfer/query-inter-transfer-list`:
 * `{ "transferId": "f26122f3-…", "coin": "USDT", "amount": "10", "fromAccountType": "UNIFIED",
 *    "toAccountType": "FUND", "timestamp": "1722865698000", "status": "SUCCESS" }`.
 * One transfer is two activities: `transfer` −amount in the account it left, +amount in the one
 * it reached, each under its own reference, so each account's history adds up and the
 * performance engine sees no flow in or out of the portfolio. A side in an account Omnifolio
 * does not read (a classic CONTRACT or SPOT account, say) is left out: the other side still
 * belongs to the account it moved.
 *
 * Bybit's Earn subscriptions and redemptions are not in this list (they are Earn orders, which
 * do not say which account paid).
 */

/** Bybit account types → our account keys. */
export type BybitAccountKeys = Readonly<Partial<Record<string, string>>>;

/** SUCCESS counts; FAILED never does; PENDING may still. */
export function bybitTransferState(status: unknown): 'settled' | 'pending' | 'void' {
  if (status === 'SUCCESS') return 'settled';
  if (status === 'FAILED') return 'void';
  return 'pending';
}

export function bybitInterTransferActivities(raw: Record<string, unknown>, accounts: BybitAccountKeys): ActivityRecord[] {
  if (!hasStrings(raw, ['transferId', 'coin', 'amount', 'fromAccountType', 'toAccountType', 'timestamp', 'status']))
    throw bybitUnreadable('an internal transfer');
  if (bybitTransferState(raw.status) !== 'settled') return [];
  const amount = dec(raw.amount);
  if (amount.isZero()) return [];
  const leg = (accountKey: string | undefined, direction: 'out' | 'in'): ActivityRecord[] =>
    accountKey === undefined
      ? []
      : [
          {
            accountKey,
            providerRef: `transfer:${raw.transferId}:${direction}`,
            type: 'transfer',
            executedAt: new Date(Number(raw.timestamp)).toISOString(),
            asset: raw.coin,
            quantity: toDecimalString(direction === 'out' ? amount.abs().neg() : amount.abs()),
            quoteAsset: null,
            price: null,
            fee: null,
            feeAsset: null,
            raw,
          },
        ];
  return [...leg(accounts[raw.fromAccountType], 'out'), ...leg(accounts[raw.toAccountType], 'in')];
}

/**
 * Flexible Savings yield, `GET /v5/earn/yield?category=FlexibleSaving` (`result.yield[]`):
 * `{ "productId": "428", "coin": "USDT", "id": "1002096", "amount": "0.0608", "yieldType": "Normal",
 *    "distributionMode": "Auto", "status": "Success", "createdAt": "1759993805000" }`.
 * Bybit pays it into the Funding account (daily, or with the redemption when distributed
 * manually), so it is `interest` there; the Earn position keeps its principal.
 */
export function bybitEarnYieldState(status: unknown): 'settled' | 'pending' | 'void' {
  if (status === 'Success') return 'settled';
  if (status === 'Fail') return 'void';
  return 'pending';
}

export function bybitEarnYieldActivity(raw: Record<string, unknown>, accountKey: string): ActivityRecord | undefined {
  if (!hasStrings(raw, ['id', 'coin', 'amount', 'status', 'createdAt'])) throw bybitUnreadable('an Earn yield record');
  if (bybitEarnYieldState(raw.status) !== 'settled') return undefined;
  const amount = dec(raw.amount);
  if (!amount.isPositive() || amount.isZero()) return undefined;
  return {
    accountKey,
    providerRef: `earn-yield:${raw.id}`,
    type: 'interest',
    executedAt: new Date(Number(raw.createdAt)).toISOString(),
    asset: raw.coin,
    quantity: toDecimalString(amount),
    quoteAsset: null,
    price: null,
    fee: null,
    feeAsset: null,
    raw,
  };
}
