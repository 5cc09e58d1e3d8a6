/**
 * The spot symbols the simulator lists in `/api/v3/exchangeInfo`. A realistic slice of
 * Binance: the majors against the quotes people use (USDT, USDC, FDUSD, BTC, ETH, BNB, EUR,
 * TRY), some pairs nobody in the demo trades (so a connector that walks every market shows
 * up in the request log), and BUSD pairs in `BREAK` state, as Binance still lists them.
 * SRM, held by the demo account, has no market at all: a delisted token.
 */
export interface BinanceMarketSpec {
  symbol: string;
  baseAsset: string;
  quoteAsset: string;
  status?: 'TRADING' | 'BREAK' | 'HALT';
  tickSize: string;
  stepSize: string;
  minNotional: string;
}

const m = (
  symbol: string,
  baseAsset: string,
  quoteAsset: string,
  tickSize: string,
  stepSize: string,
  minNotional: string,
  status: BinanceMarketSpec['status'] = 'TRADING',
): BinanceMarketSpec => ({
  symbol,
  baseAsset,
  quoteAsset,
  tickSize,
  stepSize,
  minNotional,
  status,
});

export const DEFAULT_BINANCE_MARKETS: readonly BinanceMarketSpec[] = [
  m('BTCUSDT', 'BTC', 'USDT', '0.01000000', '0.00001000', '5.00000000'),
  m('ETHUSDT', 'ETH', 'USDT', '0.01000000', '0.00010000', '5.00000000'),
  m('BNBUSDT', 'BNB', 'USDT', '0.01000000', '0.00100000', '5.00000000'),
  m('SOLUSDT', 'SOL', 'USDT', '0.01000000', '0.00100000', '5.00000000'),
  m('ADAUSDT', 'ADA', 'USDT', '0.00010000', '0.10000000', '5.00000000'),
  m('XRPUSDT', 'XRP', 'USDT', '0.00010000', '0.10000000', '5.00000000'),
  m('DOGEUSDT', 'DOGE', 'USDT', '0.00001000', '1.00000000', '1.00000000'),
  m('LTCUSDT', 'LTC', 'USDT', '0.01000000', '0.00100000', '5.00000000'),
  m('DOTUSDT', 'DOT', 'USDT', '0.00100000', '0.01000000', '5.00000000'),
  m('LINKUSDT', 'LINK', 'USDT', '0.01000000', '0.01000000', '5.00000000'),
  m('USDCUSDT', 'USDC', 'USDT', '0.00010000', '1.00000000', '5.00000000'),
  m('FDUSDUSDT', 'FDUSD', 'USDT', '0.00010000', '1.00000000', '5.00000000'),
  m('BTCUSDC', 'BTC', 'USDC', '0.01000000', '0.00001000', '5.00000000'),
  m('ETHUSDC', 'ETH', 'USDC', '0.01000000', '0.00010000', '5.00000000'),
  m('SOLUSDC', 'SOL', 'USDC', '0.01000000', '0.00100000', '5.00000000'),
  m('BNBUSDC', 'BNB', 'USDC', '0.01000000', '0.00100000', '5.00000000'),
  m('ADAUSDC', 'ADA', 'USDC', '0.00010000', '0.10000000', '5.00000000'),
  m('BTCFDUSD', 'BTC', 'FDUSD', '0.01000000', '0.00001000', '5.00000000'),
  m('ETHFDUSD', 'ETH', 'FDUSD', '0.01000000', '0.00010000', '5.00000000'),
  m('SOLFDUSD', 'SOL', 'FDUSD', '0.01000000', '0.00100000', '5.00000000'),
  m('ETHBTC', 'ETH', 'BTC', '0.00001000', '0.00010000', '0.00010000'),
  m('BNBBTC', 'BNB', 'BTC', '0.00000100', '0.00100000', '0.00010000'),
  m('SOLBTC', 'SOL', 'BTC', '0.00000010', '0.00100000', '0.00010000'),
  m('ADABTC', 'ADA', 'BTC', '0.00000001', '0.10000000', '0.00010000'),
  m('LTCBTC', 'LTC', 'BTC', '0.00000100', '0.00100000', '0.00010000'),
  m('XRPBTC', 'XRP', 'BTC', '0.00000001', '1.00000000', '0.00010000'),
  m('BNBETH', 'BNB', 'ETH', '0.00001000', '0.00100000', '0.00100000'),
  m('SOLETH', 'SOL', 'ETH', '0.00001000', '0.00100000', '0.00100000'),
  m('ADAETH', 'ADA', 'ETH', '0.00000001', '0.10000000', '0.00100000'),
  m('SOLBNB', 'SOL', 'BNB', '0.00001000', '0.00100000', '0.01000000'),
  m('ADABNB', 'ADA', 'BNB', '0.00000100', '0.10000000', '0.01000000'),
  m('BTCEUR', 'BTC', 'EUR', '0.01000000', '0.00001000', '5.00000000'),
  m('ETHEUR', 'ETH', 'EUR', '0.01000000', '0.00010000', '5.00000000'),
  m('EURUSDT', 'EUR', 'USDT', '0.00010000', '0.10000000', '5.00000000'),
  m('BTCTRY', 'BTC', 'TRY', '1.00000000', '0.00001000', '10.00000000'),
  m('USDTTRY', 'USDT', 'TRY', '0.01000000', '1.00000000', '10.00000000'),
  m('BTCBUSD', 'BTC', 'BUSD', '0.01000000', '0.00001000', '5.00000000', 'BREAK'),
  m('ETHBUSD', 'ETH', 'BUSD', '0.01000000', '0.00010000', '5.00000000', 'BREAK'),
  m('BUSDUSDT', 'BUSD', 'USDT', '0.00010000', '1.00000000', '5.00000000', 'BREAK'),
];

/**
 * One entry of `exchangeInfo.symbols`, field for field as Binance sends it today
 * (permissionSets, NOTIONAL filter, STP modes).
 */
export function toExchangeInfoSymbol(spec: BinanceMarketSpec): Record<string, unknown> {
  return {
    symbol: spec.symbol,
    status: spec.status ?? 'TRADING',
    baseAsset: spec.baseAsset,
    baseAssetPrecision: 8,
    quoteAsset: spec.quoteAsset,
    quotePrecision: 8,
    quoteAssetPrecision: 8,
    baseCommissionPrecision: 8,
    quoteCommissionPrecision: 8,
    orderTypes: ['LIMIT', 'LIMIT_MAKER', 'MARKET', 'STOP_LOSS', 'STOP_LOSS_LIMIT', 'TAKE_PROFIT', 'TAKE_PROFIT_LIMIT'],
    icebergAllowed: true,
    ocoAllowed: true,
    otoAllowed: true,
    quoteOrderQtyMarketAllowed: true,
    allowTrailingStop: true,
    cancelReplaceAllowed: true,
    amendAllowed: true,
    isSpotTradingAllowed: true,
    isMarginTradingAllowed: spec.status === 'TRADING',
    filters: [
      { filterType: 'PRICE_FILTER', minPrice: spec.tickSize, maxPrice: '1000000.00000000', tickSize: spec.tickSize },
      { filterType: 'LOT_SIZE', minQty: spec.stepSize, maxQty: '9000000.00000000', stepSize: spec.stepSize },
      { filterType: 'ICEBERG_PARTS', limit: 10 },
      { filterType: 'MARKET_LOT_SIZE', minQty: '0.00000000', maxQty: '100000.00000000', stepSize: '0.00000000' },
      { filterType: 'TRAILING_DELTA', minTrailingAboveDelta: 10, maxTrailingAboveDelta: 2000, minTrailingBelowDelta: 10, maxTrailingBelowDelta: 2000 },
      { filterType: 'PERCENT_PRICE_BY_SIDE', bidMultiplierUp: '5', bidMultiplierDown: '0.2', askMultiplierUp: '5', askMultiplierDown: '0.2', avgPriceMins: 5 },
      {
        filterType: 'NOTIONAL',
        minNotional: spec.minNotional,
        applyMinToMarket: true,
        maxNotional: '9000000.00000000',
        applyMaxToMarket: false,
        avgPriceMins: 5,
      },
      { filterType: 'MAX_NUM_ORDERS', maxNumOrders: 200 },
      { filterType: 'MAX_NUM_ALGO_ORDERS', maxNumAlgoOrders: 5 },
    ],
    permissions: [],
    permissionSets: [['SPOT', 'MARGIN', 'TRD_GRP_004', 'TRD_GRP_005', 'TRD_GRP_006']],
    defaultSelfTradePreventionMode: 'EXPIRE_MAKER',
    allowedSelfTradePreventionModes: ['EXPIRE_TAKER', 'EXPIRE_MAKER', 'EXPIRE_BOTH'],
  };
}
