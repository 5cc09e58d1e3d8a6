/**
 * Kraken's asset codes as people know them. Kraken kept the X (crypto) / Z (fiat) prefixes of its
 * first assets (`XXBT`, `XETH`, `ZUSD`, `ZEUR`) and calls bitcoin XBT and dogecoin XDG; newer
 * assets have no prefix (`SOL`, `DOT`, `USDC`). A suffix marks funds held in Earn rather than in
 * spot: `.S` staked, `.M` opt-in rewards, `.F` flexible (auto) Earn, `.B` yield-bearing, `.P`
 * parachain; `DOT.S` is DOT. Only the legacy four-letter codes lose their prefix: `XTZ` and `ZRX`
 * are assets of their own.
 */
const LEGACY: Record<string, string> = {
  XXBT: 'BTC',
  XBT: 'BTC',
  XXDG: 'DOGE',
  XDG: 'DOGE',
  XETH: 'ETH',
  XETC: 'ETC',
  XLTC: 'LTC',
  XMLN: 'MLN',
  XREP: 'REP',
  XXLM: 'XLM',
  XXMR: 'XMR',
  XXRP: 'XRP',
  XZEC: 'ZEC',
  ZUSD: 'USD',
  ZEUR: 'EUR',
  ZGBP: 'GBP',
  ZCAD: 'CAD',
  ZJPY: 'JPY',
  ZAUD: 'AUD',
  ZCHF: 'CHF',
  // Kraken's pre-merge staked-ether claim, one for one with ETH.
  ETH2: 'ETH',
};

export interface KrakenAsset {
  /** The code people know: BTC, ETH, USD, DOT. */
  symbol: string;
  /** The suffix when the funds are in Earn (`S`, `M`, `F`, `B`, `P`), else undefined. */
  earnSuffix: string | undefined;
}

export function krakenAsset(code: string): KrakenAsset {
  const match = /^(.+)\.([A-Z])$/.exec(code);
  const base = match?.[1] ?? code;
  return { symbol: LEGACY[base] ?? base, earnSuffix: match?.[2] };
}

export const krakenSymbol = (code: string): string => krakenAsset(code).symbol;
