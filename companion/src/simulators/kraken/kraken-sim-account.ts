import type { KrakenTier } from './kraken-call-counter.js';

/**
 * The scripted state of one Kraken user in the simulator, in Kraken's own wire format (spot REST,
 * amounts as strings, times as JSON numbers in seconds with four decimals, asset codes such as
 * XXBT, ZUSD, DOT.S).
 */

/** `BalanceEx` row. */
export interface KrakenWireBalance {
  balance: string;
  hold_trade: string;
  credit?: string;
  credit_used?: string;
}

/** `Ledgers` row, keyed by ledger id (`L4UESK-KG3EQ-UFO4T5`). */
export interface KrakenWireLedgerEntry {
  refid: string;
  time: number;
  type: string;
  subtype: string;
  aclass: string;
  asset: string;
  amount: string;
  fee: string;
  balance: string;
}

/** `TradesHistory` row, keyed by trade id (`THVRQM-33VKH-UCI7BS`). */
export type KrakenWireTrade = Record<string, unknown> & {
  ordertxid: string;
  postxid: string;
  pair: string;
  time: number;
  type: 'buy' | 'sell';
  ordertype: string;
  price: string;
  cost: string;
  fee: string;
  vol: string;
  margin: string;
};

/** `OpenPositions` row (with `docalcs=true`: `value` and `net`), keyed by position id. */
export type KrakenWirePosition = Record<string, unknown> & {
  ordertxid: string;
  posstatus: string;
  pair: string;
  time: number;
  type: 'buy' | 'sell';
  cost: string;
  fee: string;
  vol: string;
  vol_closed: string;
  margin: string;
  value: string;
  net: string;
};

/** `AssetPairs` row. */
export interface KrakenWireAssetPair {
  altname: string;
  wsname: string;
  base: string;
  quote: string;
}

export interface KrakenSimAccount {
  apiKey: string;
  /** Base64, as Kraken shows it. */
  secret: string;
  /** As `GetApiKeyInfo` lists them: query-funds, query-open-trades, query-closed-trades, query-ledger, withdraw-funds, modify-trades, … */
  permissions: string[];
  tier: KrakenTier;
  balances: Record<string, KrakenWireBalance>;
  /** `Earn/Allocations` → `result.items`. */
  allocations: Record<string, unknown>[];
  positions: Record<string, KrakenWirePosition>;
  trades: Record<string, KrakenWireTrade>;
  ledger: Record<string, KrakenWireLedgerEntry>;
}
