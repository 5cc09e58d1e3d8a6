/**
 * Coins that track a fiat currency: cash for allocation and exposure purposes (holding
 * USDT is not a bet on a market), grouped under the currency they track.
 */
export const STABLECOIN_PEGS: Readonly<Record<string, string>> = {
  'cg:tether': 'USD',
  'cg:usd-coin': 'USD',
  'cg:first-digital-usd': 'USD',
  'cg:dai': 'USD',
  'cg:true-usd': 'USD',
  'cg:paypal-usd': 'USD',
  'cg:ethena-usde': 'USD',
  'cg:euro-coin': 'EUR',
  'cg:stasis-eurs': 'EUR',
  'cg:cryptofranc': 'CHF',
};

/** The currency an asset is cash in, or null when it is not cash. */
export function cashCurrencyOf(assetId: string): string | null {
  if (assetId.startsWith('fiat:')) return assetId.slice(5);
  return STABLECOIN_PEGS[assetId] ?? null;
}
