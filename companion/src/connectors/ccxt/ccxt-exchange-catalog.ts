import { readFileSync } from 'node:fs';
import { z } from 'zod';

/**
 * What ccxt says about each exchange it supports, read from `ccxt-exchanges.json`, which
 * `companion/scripts/generate-ccxt-exchanges.mjs` writes from the installed ccxt. The list is
 * shown whenever the options page opens; reading ccxt itself for it would cost ~0.8 s and
 * ~130 MB, so ccxt is imported only when a connection of one of these exchanges syncs.
 */
export interface CcxtExchangeEntry {
  /** ccxt's exchange id: `bitstamp`. */
  id: string;
  /** The name ccxt gives it: `Bitstamp`. */
  name: string;
  /** ccxt's `requiredCredentials` that are true, in form order. */
  credentials: string[];
  has: {
    fetchBalance: boolean;
    fetchMyTrades: boolean;
    fetchDeposits: boolean;
    fetchWithdrawals: boolean;
    fetchPositions: boolean;
    watchBalance: boolean;
    watchPositions: boolean;
  };
}

const catalogSchema = z.object({
  ccxtVersion: z.string(),
  generatedBy: z.string(),
  exchanges: z.array(
    z.object({
      id: z.string().regex(/^[a-z0-9]+$/),
      name: z.string().min(1),
      credentials: z.array(z.string()),
      has: z.object({
        fetchBalance: z.boolean(),
        fetchMyTrades: z.boolean(),
        fetchDeposits: z.boolean(),
        fetchWithdrawals: z.boolean(),
        fetchPositions: z.boolean(),
        watchBalance: z.boolean(),
        watchPositions: z.boolean(),
      }),
    }),
  ),
});

export type CcxtExchangeCatalog = z.infer<typeof catalogSchema>;

let catalog: CcxtExchangeCatalog | undefined;

/** The generated catalog, read and checked once. */
export function ccxtExchangeCatalog(): CcxtExchangeCatalog {
  catalog ??= catalogSchema.parse(JSON.parse(readFileSync(new URL('./ccxt-exchanges.json', import.meta.url), 'utf8')));
  return catalog;
}
