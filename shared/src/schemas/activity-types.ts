/**
 * What an activity can be. A plain list, apart from the zod schemas in domain.ts, so that
 * code needing only the names (the dashboard's activity filter) does not load zod: building
 * the schemas at startup was a fifth of the popup's script time before its first paint.
 */
export const activityTypes = [
  'buy',
  'sell',
  'deposit',
  'withdrawal',
  'transfer',
  'fee',
  'dividend',
  'interest',
  'reward',
  'funding',
  'realized_pnl',
  'split',
  'merger',
] as const;
export type ActivityType = (typeof activityTypes)[number];
