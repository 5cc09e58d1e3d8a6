import type { ActivityType } from '@omnifolio/shared/schemas';

/** What each activity type is called in the activity list, in the words a statement uses. */
export const ACTIVITY_LABELS: Record<ActivityType, string> = {
  buy: 'Buy',
  sell: 'Sell',
  deposit: 'Deposit',
  withdrawal: 'Withdrawal',
  transfer: 'Transfer',
  fee: 'Fee',
  dividend: 'Dividend',
  interest: 'Interest',
  reward: 'Reward',
  funding: 'Funding',
  realized_pnl: 'Realized PnL',
  split: 'Split',
  merger: 'Merger',
};
