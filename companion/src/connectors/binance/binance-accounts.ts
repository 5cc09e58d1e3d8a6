import type { AccountSpec } from '../types.js';

/**
 * The wallets of one Binance account, each its own account in Omnifolio so that a borrowed
 * margin balance or futures equity is never mixed with what sits in spot.
 */
export const BINANCE_ACCOUNTS = {
  spot: { key: 'spot', type: 'spot', name: 'Binance Spot' },
  funding: { key: 'funding', type: 'funding', name: 'Binance Funding' },
  margin: { key: 'margin', type: 'margin', name: 'Binance Cross Margin' },
  isolated: { key: 'isolated-margin', type: 'margin', name: 'Binance Isolated Margin' },
  usdm: { key: 'futures-usdm', type: 'futures', name: 'Binance USDⓈ-M Futures' },
  coinm: { key: 'futures-coinm', type: 'futures', name: 'Binance COIN-M Futures' },
  earn: { key: 'earn', type: 'earn', name: 'Binance Simple Earn' },
} as const satisfies Record<string, AccountSpec>;

export const BINANCE_ACCOUNT_LIST: AccountSpec[] = Object.values(BINANCE_ACCOUNTS);
