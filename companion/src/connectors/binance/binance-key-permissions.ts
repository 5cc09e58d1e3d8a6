import { AuthError, PermissionError } from '@omnifolio/shared/errors';
import { type BinanceRawApiRestrictions, unreadable } from './binance-raw.js';

/**
 * What a Binance API key may do, from `GET /sapi/v1/account/apiRestrictions`. Omnifolio only
 * reads, so:
 * - a key that can withdraw is refused: if this computer were compromised, the key would let
 *   someone empty the account;
 * - a key that can trade or move funds works, but the user is told a read-only key is safer;
 * - a key that cannot read is refused with what to switch on.
 *
 * If Binance's answer does not say whether the key can withdraw, we refuse rather than guess.
 */

/** Permissions beyond reading, by the label Binance's API management page shows. */
const BROADER_PERMISSIONS: readonly [keyof BinanceRawApiRestrictions, string][] = [
  ['enableSpotAndMarginTrading', 'Enable Spot & Margin Trading'],
  ['enableMargin', 'Enable Margin Loan, Repay & Transfer'],
  ['enableFutures', 'Enable Futures'],
  ['enableVanillaOptions', 'Enable European Options'],
  ['enablePortfolioMarginTrading', 'Enable Portfolio Margin Trading'],
  ['enableFixApiTrade', 'FIX API trading'],
  ['enableInternalTransfer', 'Enable Internal Transfer'],
  ['permitsUniversalTransfer', 'Permits Universal Transfer'],
];

export interface KeyPermissionReview {
  /** Sentences the user sees before saving. */
  warnings: string[];
}

export function reviewBinanceKeyPermissions(restrictions: unknown): KeyPermissionReview {
  if (restrictions === null || typeof restrictions !== 'object' || typeof (restrictions as BinanceRawApiRestrictions).enableWithdrawals !== 'boolean') {
    throw unreadable("the key's permissions");
  }
  const r = restrictions as BinanceRawApiRestrictions;
  if (r.enableWithdrawals === true) {
    throw new PermissionError(
      'This key can withdraw funds; Omnifolio only reads, so create a new key on Binance with only "Enable Reading" and delete this one.',
      {
        hints: [
          'On Binance: Account › API Management › Create API › System generated; tick only "Enable Reading".',
          'Restricting the key to this computer’s IP address adds protection.',
        ],
      },
    );
  }
  if (r.enableReading === false) {
    throw new AuthError('This key cannot read the account; edit it on Binance and tick "Enable Reading".', {
      hints: ['Leave every other permission off.'],
    });
  }
  const broader = BROADER_PERMISSIONS.filter(([flag]) => r[flag] === true).map(([, label]) => label);
  if (broader.length === 0) return { warnings: [] };
  return {
    warnings: [`This key can also trade or move funds (${broader.join(', ')}); it will work, but a key with only "Enable Reading" is safer.`],
  };
}
