import { readFileSync } from 'node:fs';
import { AuthError, PermissionError, UnavailableError } from '@omnifolio/shared/errors';
import { describe, expect, it } from 'vitest';
import { reviewBinanceKeyPermissions } from './binance-key-permissions.js';

const documented = JSON.parse(
  readFileSync(new URL('../../../test/fixtures/binance/connector-js/GET_sapi_v1_account_apiRestrictions.json', import.meta.url), 'utf8'),
) as Record<string, unknown>;
const readOnly: Record<string, unknown> = {
  ...documented,
  enableInternalTransfer: false,
  permitsUniversalTransfer: false,
  enablePortfolioMarginTrading: false,
  enableSpotAndMarginTrading: false,
};

describe('reviewBinanceKeyPermissions', () => {
  it('accepts a read-only key quietly', () => {
    expect(reviewBinanceKeyPermissions(readOnly)).toEqual({ warnings: [] });
  });

  it('warns about the documented example key, which can transfer and trade portfolio margin', () => {
    const { warnings } = reviewBinanceKeyPermissions(documented);
    expect(warnings).toEqual([
      'This key can also trade or move funds (Enable Portfolio Margin Trading, Enable Internal Transfer, Permits Universal Transfer); it will work, but a key with only "Enable Reading" is safer.',
    ]);
  });

  it('refuses a key that can withdraw, whatever else it can do', () => {
    expect(() => reviewBinanceKeyPermissions({ ...readOnly, enableWithdrawals: true })).toThrow(PermissionError);
  });

  it('refuses a key that cannot read', () => {
    expect(() => reviewBinanceKeyPermissions({ ...readOnly, enableReading: false })).toThrow(AuthError);
  });

  it('refuses rather than guesses when the answer does not say whether the key can withdraw', () => {
    const { enableWithdrawals: _omitted, ...unclear } = readOnly;
    expect(() => reviewBinanceKeyPermissions(unclear)).toThrow(UnavailableError);
    expect(() => reviewBinanceKeyPermissions(null)).toThrow(UnavailableError);
  });
});
