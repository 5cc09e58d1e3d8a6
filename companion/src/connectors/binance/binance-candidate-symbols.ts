/**
 * Which markets might hold the user's trades. Binance answers `myTrades` per symbol only, and
 * walking all ~3000 symbols at weight 20 each costs 60 000 weight: ten minutes of the whole
 * IP budget, and the way other trackers get their users' IPs banned (HTTP 418).
 *
 * A trade changes the balance of both assets of its market, so a market is a candidate when
 * - its base is an asset the user holds or has held (balances, deposits, withdrawals, assets
 *   of trades found before) and its quote is such an asset or one of the quote currencies
 *   people trade against (USDT, USDC, FDUSD, BTC, …) that the exchange actually lists; or
 * - its quote is such an asset and its base is one of those quote currencies
 *   (USDC/USDT when the user held USDT); or
 * - it already has trades recorded (a `trades:<SYMBOL>` cursor).
 *
 * What this misses: a round trip through an asset the user never deposited, withdrew or kept
 * (bought X with USDT and sold all X again), in a market whose other side is not one of the
 * known quotes. The README says so.
 */

/** Quote currencies people trade against, most common first. Intersected with what is listed. */
export const PREFERRED_QUOTES = ['USDT', 'USDC', 'FDUSD', 'BUSD', 'TUSD', 'DAI', 'BTC', 'ETH', 'BNB', 'EUR', 'GBP', 'TRY', 'BRL', 'JPY', 'AUD'] as const;

export interface CandidateMarket {
  /** Binance symbol: `BTCUSDT`. */
  id: string;
  baseId: string;
  quoteId: string;
}

export interface CandidateSymbolsParameters {
  markets: readonly CandidateMarket[];
  /** Binance asset codes known to have been in the account. */
  assets: ReadonlySet<string>;
  /** Whether a symbol already has trades recorded. */
  hasRecordedTrades: (symbol: string) => boolean;
  preferredQuotes?: readonly string[];
}

/** Candidate symbols, sorted, so runs are reproducible. */
export function candidateSymbols({ markets, assets, hasRecordedTrades, preferredQuotes = PREFERRED_QUOTES }: CandidateSymbolsParameters): string[] {
  const listedQuotes = new Set(markets.map((m) => m.quoteId));
  const quotes = new Set(preferredQuotes.filter((q) => listedQuotes.has(q)));
  const candidates = markets.filter(
    (m) =>
      (assets.has(m.baseId) && (assets.has(m.quoteId) || quotes.has(m.quoteId))) || (assets.has(m.quoteId) && quotes.has(m.baseId)) || hasRecordedTrades(m.id),
  );
  return [...new Set(candidates.map((m) => m.id))].sort();
}
