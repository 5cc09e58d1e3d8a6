/**
 * Exchange symbol → CoinGecko id for the assets people hold most. A symbol is ambiguous on
 * CoinGecko (dozens of coins call themselves "SOL" or "ONE"), so we map only symbols whose
 * meaning on a centralized exchange is settled, and leave the rest unpriced rather than
 * guess. Chain + contract and name-based resolution come with the pricing work.
 * Source: CoinGecko coin ids as listed on each coin's page (api/v3/coins/list), checked
 * against Binance's listing names.
 */
export const COINGECKO_IDS_BY_SYMBOL: Readonly<Record<string, string>> = {
  BTC: 'bitcoin',
  ETH: 'ethereum',
  BNB: 'binancecoin',
  SOL: 'solana',
  USDT: 'tether',
  USDC: 'usd-coin',
  FDUSD: 'first-digital-usd',
  DAI: 'dai',
  XRP: 'ripple',
  ADA: 'cardano',
  DOGE: 'dogecoin',
  TRX: 'tron',
  TON: 'the-open-network',
  DOT: 'polkadot',
  LINK: 'chainlink',
  AVAX: 'avalanche-2',
  POL: 'polygon-ecosystem-token',
  MATIC: 'matic-network',
  LTC: 'litecoin',
  BCH: 'bitcoin-cash',
  ATOM: 'cosmos',
  UNI: 'uniswap',
  XLM: 'stellar',
  NEAR: 'near',
  APT: 'aptos',
  ARB: 'arbitrum',
  OP: 'optimism',
  FIL: 'filecoin',
  ETC: 'ethereum-classic',
  SHIB: 'shiba-inu',
  PEPE: 'pepe',
  SUI: 'sui',
  INJ: 'injective-protocol',
  AAVE: 'aave',
  MKR: 'maker',
  WBTC: 'wrapped-bitcoin',
  CHSB: 'swissborg',
  BORG: 'swissborg',
  GT: 'gatechain-token',
  MX: 'mx-token',
  KCS: 'kucoin-shares',
  BGB: 'bitget-token',
};
