/**
 * ccxt exchange ids that Omnifolio supports fully, with their own connector, simulator and
 * contract tests, mapped to that connector's provider id. They never appear as "untested":
 * the twelve exchanges of issue 3, plus ccxt's separate classes for sections of the same
 * account that those connectors already read (Binance's USDⓈ-M and COIN-M futures, KuCoin's
 * futures).
 */
export const FULLY_SUPPORTED_CCXT_EXCHANGES: ReadonlyMap<string, string> = new Map([
  ['binance', 'binance'],
  ['binanceusdm', 'binance'],
  ['binancecoinm', 'binance'],
  ['okx', 'okx'],
  ['bybit', 'bybit'],
  ['kucoin', 'kucoin'],
  ['kucoinfutures', 'kucoin'],
  ['bitget', 'bitget'],
  ['mexc', 'mexc'],
  ['coinex', 'coinex'],
  ['blofin', 'blofin'],
  ['coinbase', 'coinbase'],
  ['kraken', 'kraken'],
  // Kraken Futures is a separate API with its own keys, read by its own connector.
  ['krakenfutures', 'krakenfutures'],
  ['gate', 'gate'],
  ['htx', 'htx'],
]);
