import { binanceDemoHoldings } from './binance';
import { bitgetDemoHoldings } from './bitget';
import { blofinDemoHoldings } from './blofin';
import { bybitDemoHoldings } from './bybit';
import { coinbaseDemoHoldings } from './coinbase';
import { coinexDemoHoldings } from './coinex';
import type { DemoHoldingsReader } from './demo-holdings';
import { gateDemoHoldings } from './gate';
import { htxDemoHoldings } from './htx';
import { krakenDemoHoldings } from './kraken';
import { krakenFuturesDemoHoldings } from './krakenfutures';
import { kucoinDemoHoldings } from './kucoin';
import { mexcDemoHoldings } from './mexc';
import { okxDemoHoldings } from './okx';

/**
 * The reader of each demo exchange account, by provider id. The end-to-end spec iterates over
 * the exchanges the demo environment holds and fails for one without a reader here: adding an
 * exchange to the demo means writing down, in a few lines, what its account holds.
 */
export const DEMO_HOLDINGS_READERS: Record<string, DemoHoldingsReader> = {
  binance: binanceDemoHoldings,
  okx: okxDemoHoldings,
  bybit: bybitDemoHoldings,
  blofin: blofinDemoHoldings,
  coinbase: coinbaseDemoHoldings,
  kraken: krakenDemoHoldings,
  krakenfutures: krakenFuturesDemoHoldings,
  gate: gateDemoHoldings,
  kucoin: kucoinDemoHoldings,
  bitget: bitgetDemoHoldings,
  htx: htxDemoHoldings,
  mexc: mexcDemoHoldings,
  coinex: coinexDemoHoldings,
};
