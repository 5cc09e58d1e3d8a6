import type { AccountSpec } from '../types.js';

/**
 * The wallets of one CoinEx user, each its own account in Omnifolio so that borrowed margin and
 * futures equity never mix with spot. CoinEx's isolated margin has one account per market; they
 * are summed per currency into one.
 */
export const COINEX_ACCOUNTS = {
  spot: { key: 'spot', type: 'spot', name: 'CoinEx Spot' },
  margin: { key: 'margin', type: 'margin', name: 'CoinEx Margin' },
  futures: { key: 'futures', type: 'futures', name: 'CoinEx Futures' },
  financial: { key: 'financial', type: 'earn', name: 'CoinEx Financial' },
} as const satisfies Record<string, AccountSpec>;

export const COINEX_ACCOUNT_LIST: AccountSpec[] = Object.values(COINEX_ACCOUNTS);
