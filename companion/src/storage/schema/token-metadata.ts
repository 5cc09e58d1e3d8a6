import { integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/** Token metadata cache for on-chain assets: symbol, name and decimals per chain + contract. */
export const tokenMetadata = sqliteTable(
  'token_metadata',
  {
    /** CAIP-2 style chain id: `eip155:1`, `solana:mainnet`. */
    chain: text('chain').notNull(),
    /** Lowercase contract (EVM) or mint address (Solana). */
    address: text('address').notNull(),
    symbol: text('symbol'),
    name: text('name'),
    decimals: integer('decimals').notNull(),
    logo: text('logo'),
    source: text('source').notNull(),
    fetchedAt: text('fetched_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.chain, t.address] })],
);
