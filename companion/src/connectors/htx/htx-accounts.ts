import type { AccountSpec } from '../types.js';

/**
 * The wallets of one HTX user, each its own account in Omnifolio so that borrowed margin and
 * futures equity are never mixed with spot. HTX's isolated margin has one account per symbol
 * (`margin`, subtype `btcusdt`); they are summed into one per currency here, since what a user
 * owns in them is the same coin.
 */
export const HTX_ACCOUNTS = {
  spot: { key: 'spot', type: 'spot', name: 'HTX Spot' },
  crossMargin: { key: 'cross-margin', type: 'margin', name: 'HTX Cross Margin' },
  isolatedMargin: { key: 'isolated-margin', type: 'margin', name: 'HTX Isolated Margin' },
  otc: { key: 'otc', type: 'funding', name: 'HTX OTC (P2P)' },
  usdtm: { key: 'usdt-m', type: 'futures', name: 'HTX USDT-M Futures' },
  coinm: { key: 'coin-m', type: 'futures', name: 'HTX Coin-M Swaps' },
  delivery: { key: 'coin-m-delivery', type: 'futures', name: 'HTX Coin-M Delivery Futures' },
} as const satisfies Record<string, AccountSpec>;

export const HTX_ACCOUNT_LIST: AccountSpec[] = Object.values(HTX_ACCOUNTS);

/** HTX's account `type` → our account; `point` (the point card) and others hold nothing Omnifolio values. */
export function htxAccountKeyOf(type: string): string | undefined {
  switch (type) {
    case 'spot':
      return HTX_ACCOUNTS.spot.key;
    case 'super-margin':
      return HTX_ACCOUNTS.crossMargin.key;
    case 'margin':
      return HTX_ACCOUNTS.isolatedMargin.key;
    case 'otc':
      return HTX_ACCOUNTS.otc.key;
    default:
      return undefined;
  }
}

/**
 * The account a match result (`GET /v1/order/matchresults`) moved, from its order's `source`.
 * HTX names the source after the account and the channel: `super-margin-api`, `-web`, `-app`
 * and the liquidation sources `super-margin-fl-sys`, `-fl-mgt` are cross margin; `margin-api`,
 * `margin-web`, `margin-app` (and `margin-fl-*`) are isolated margin (ccxt's createOrder sends
 * `super-margin-api` for cross and `margin-api` for isolated; HTX's SDKs list the rest). Anything
 * else (`spot-api`, `spot-web`, `spot-app`, …) traded spot. `c2c-margin-*` (HTX's retired C2C
 * lending) has no account of this connection and stays in spot, as before.
 */
export function htxTradeAccountKey(source: unknown): string {
  if (typeof source !== 'string') return HTX_ACCOUNTS.spot.key;
  if (source.startsWith('super-margin-')) return HTX_ACCOUNTS.crossMargin.key;
  if (source.startsWith('margin-')) return HTX_ACCOUNTS.isolatedMargin.key;
  return HTX_ACCOUNTS.spot.key;
}
