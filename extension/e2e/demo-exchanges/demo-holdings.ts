/**
 * What one demo exchange account holds, read by the end-to-end test straight from the data its
 * simulator serves, with the exchange's own meaning of each field written out in the reader
 * (never through the companion's connectors or valuation). Quantities and PnL are decimal strings.
 */
export interface DemoHoldings {
  /** Every wallet's amounts of one asset, by the exchange's asset code; negative when borrowed. */
  balances: { asset: string; quantity: string }[];
  /** Open derivatives positions: the exchange's symbol, side and unrealized PnL in the settle asset. */
  positions: { symbol: string; side: 'long' | 'short'; unrealizedPnl: string; settleAsset: string }[];
}

/** Reads a demo account; `now` is when the simulators started (accounts with relative times take it). */
export type DemoHoldingsReader = (now: number) => DemoHoldings;
