/**
 * What one demo broker account holds, read by the end-to-end test straight from the data its
 * simulator serves, with the broker's own meaning of each field written out in the reader
 * (never through the companion's connectors or valuation). Amounts are decimal strings.
 */
export interface BrokerHoldings {
  /** Cash per currency, as the broker's ledger states it. */
  cash: { currency: string; amount: string }[];
  /**
   * Each security or derivative: the symbol the popup names it by, the quantity it counts
   * (options in units of the underlying: contracts × multiplier, negative when written), and
   * the broker's mark per unit in the currency the instrument trades in.
   */
  holdings: { symbol: string; quantity: string; mark: string; currency: string }[];
}

/** Reads a demo broker account; `now` is when the simulators started (accounts with relative times take it). */
export type BrokerHoldingsReader = (now: number) => BrokerHoldings;
