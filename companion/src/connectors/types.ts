import type { AccountType, ActivityRecord, BalanceRecord, ConnectionKind, PositionRecord } from '@omnifolio/shared/schemas';
import type { Logger } from '../logging/logger.js';

export type ProviderId = string;

/**
 * What a connector can do, like CCXT's `has` map. The runner asks before it calls. Whether a
 * provider streams live is not here: realtime/live-sources.ts registers the live sources, so the
 * streaming code (and ccxt pro) stays out of the sync path.
 */
export interface Capabilities {
  balances: boolean;
  positions: boolean;
  activities: boolean;
}

/** One field the user fills in when adding the connection. */
export interface CredentialSpec {
  key: string;
  label: string;
  /** Secret fields are encrypted at rest and never shown again. */
  secret: boolean;
  /** What to enter and where to find it, including which permissions to grant or never grant. */
  help: string;
  optional?: boolean;
}

/** The sub-accounts a connector reports; balances and activities name them by `key`. */
export interface AccountSpec {
  key: string;
  type: AccountType;
  name: string;
}

/**
 * Counts requests per provider so a sync can report what it cost and a simulator-backed
 * benchmark can compare with the minimum. `weight` is the provider's own cost unit where it
 * reports one (Binance `X-MBX-USED-WEIGHT-1M`).
 */
export interface RequestMeter {
  requests: number;
  lastWeight: number | null;
}

export interface ConnectorContext {
  /** Decrypted credentials, in memory for this call only. */
  credentials: Record<string, string>;
  /** Non-secret settings of the connection. */
  settings: Record<string, unknown>;
  /** Overrides for the provider's API base URLs: tests, simulators, testnets. */
  baseUrls?: Record<string, string>;
  /** Cursors for incremental history, read and written through the runner's transaction. */
  cursors: CursorStore;
  signal: AbortSignal;
  log: Logger;
  meter: RequestMeter;
  /**
   * The companion's on-chain token metadata cache (storage/repositories/token-metadata-repository.ts),
   * where a wallet connector keeps what it learned about a contract. Absent in a bare test context:
   * a connector then keeps metadata for the call only.
   */
  tokenMetadata?: TokenMetadataStore;
}

export interface TokenMetadata {
  /** CAIP-2 style chain id: `eip155:1`, `solana:mainnet`. */
  chain: string;
  /** Contract (EVM) or mint (Solana) address; stored lowercase for EVM. */
  address: string;
  symbol: string | null;
  name: string | null;
  decimals: number;
  logo: string | null;
  /** Who said so: `alchemy`, `erc20` (the contract itself), `token-list`. */
  source: string;
  fetchedAt: string;
}

export interface TokenMetadataStore {
  get(chain: string, address: string): TokenMetadata | undefined;
  put(rows: readonly TokenMetadata[]): void;
}

export interface CursorStore {
  get(key: string): string | undefined;
}

export interface TestResult {
  accounts: AccountSpec[];
  /** Sentences the user should see before saving (a key that can trade, say). */
  warnings: string[];
}

/** A page of history plus the cursor values that become true once it is stored. */
export interface ActivityPage {
  activities: ActivityRecord[];
  /** Cursor keys to set, in the same transaction as the page. */
  cursors: Record<string, string>;
}

export interface Connector {
  id: ProviderId;
  name: string;
  kind: ConnectionKind;
  capabilities: Capabilities;
  credentials: CredentialSpec[];
  /** A paragraph for the "add connection" form. */
  help: string;
  /** Validates the keys and refuses keys that can withdraw (PermissionError). */
  test(ctx: ConnectorContext): Promise<TestResult>;
  accounts(ctx: ConnectorContext): Promise<AccountSpec[]>;
  fetchBalances(ctx: ConnectorContext): Promise<BalanceRecord[]>;
  fetchPositions?(ctx: ConnectorContext): Promise<PositionRecord[]>;
  fetchActivities?(ctx: ConnectorContext): AsyncIterable<ActivityPage>;
}
