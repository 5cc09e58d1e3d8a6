import { alpacaDemoHoldings } from './alpaca';
import type { BrokerHoldingsReader } from './broker-holdings';
import { futuDemoHoldings } from './futu';
import { ibkrDemoHoldings } from './ibkr';
import { schwabDemoHoldings } from './schwab';

/**
 * The reader of each demo broker account, by provider id. The end-to-end spec iterates over
 * the brokers the demo environment holds and fails for one without a reader here.
 */
export const BROKER_HOLDINGS_READERS: Record<string, BrokerHoldingsReader> = {
  'ibkr-flex': ibkrDemoHoldings,
  alpaca: alpacaDemoHoldings,
  futu: futuDemoHoldings,
  schwab: schwabDemoHoldings,
};
