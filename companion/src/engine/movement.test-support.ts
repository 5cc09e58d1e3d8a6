import type { Movement } from './cash-flows.js';

/** A deposit (`in`) or withdrawal (`out`) as the cash-flow tests write them: BTC unless another asset is named. */
export const movement = (
  id: string,
  accountId: string,
  direction: 'in' | 'out',
  quantity: string,
  executedAt: string,
  value: string | null,
  assetId = 'cg:bitcoin',
): Movement => ({ id, accountId, direction, assetId, quantity, executedAt, value });
