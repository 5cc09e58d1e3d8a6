import { z } from 'zod';
import { activityTypes } from './activity-types.js';
import { decimalString } from './decimal.js';

export const connectionKinds = ['exchange', 'wallet', 'broker', 'statement', 'imap'] as const;
export const connectionKind = z.enum(connectionKinds);
export type ConnectionKind = z.infer<typeof connectionKind>;

export const accountTypes = ['spot', 'funding', 'margin', 'futures', 'earn', 'wallet', 'brokerage', 'pension_3a', 'vested_benefits', 'bank'] as const;
export const accountType = z.enum(accountTypes);
export type AccountType = z.infer<typeof accountType>;

export const activityType = z.enum(activityTypes);

export const connectionStatuses = ['new', 'ok', 'syncing', 'error', 'paused'] as const;
export type ConnectionStatus = (typeof connectionStatuses)[number];

export const syncRunStatuses = ['running', 'succeeded', 'failed'] as const;
export type SyncRunStatus = (typeof syncRunStatuses)[number];

/**
 * How a connector names an asset. `symbol` is the provider's own code ("BTC", "USDT");
 * the pricing service turns it into a canonical asset id. `kind` tells fiat from crypto
 * because exchanges hold both.
 */
export const assetRef = z.object({
  symbol: z.string().min(1),
  kind: z.enum(['crypto', 'fiat', 'equity', 'fund']).default('crypto'),
  name: z.string().optional(),
});
export type AssetRef = z.infer<typeof assetRef>;

/** A normalized balance as a connector returns it. `accountKey` names the sub-account. */
export const balanceRecord = z.object({
  accountKey: z.string(),
  asset: assetRef,
  free: decimalString,
  locked: decimalString,
  asOf: z.string().datetime(),
});
export type BalanceRecord = z.infer<typeof balanceRecord>;

export const positionRecord = z.object({
  accountKey: z.string(),
  symbol: z.string(),
  side: z.enum(['long', 'short']),
  contracts: decimalString,
  sizeInBase: decimalString,
  entryPrice: decimalString.nullable(),
  markPrice: decimalString.nullable(),
  notional: decimalString.nullable(),
  unrealizedPnl: decimalString.nullable(),
  leverage: decimalString.nullable(),
  liquidationPrice: decimalString.nullable(),
  marginMode: z.enum(['cross', 'isolated']).nullable(),
  margin: decimalString.nullable(),
  settleAsset: z.string().nullable(),
  asOf: z.string().datetime(),
});
export type PositionRecord = z.infer<typeof positionRecord>;

/**
 * A normalized activity. `providerRef` is the provider's stable id where it has one,
 * otherwise a content fingerprint (see companion/src/storage/fingerprint.ts).
 */
export const activityRecord = z.object({
  accountKey: z.string(),
  providerRef: z.string().min(1),
  type: activityType,
  executedAt: z.string().datetime(),
  asset: z.string(),
  quantity: decimalString,
  /** For trades: the other side of the pair and the price in it. */
  quoteAsset: z.string().nullable(),
  price: decimalString.nullable(),
  fee: decimalString.nullable(),
  feeAsset: z.string().nullable(),
  raw: z.unknown(),
});
export type ActivityRecord = z.infer<typeof activityRecord>;
