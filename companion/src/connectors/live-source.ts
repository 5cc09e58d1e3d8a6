import type { BalanceRecord, PositionRecord } from '@omnifolio/shared/schemas';
import type { ConnectorContext } from './types.js';

/**
 * A provider's push channel for balances and positions (Binance's user data stream, OKX's
 * private channels, … through ccxt pro's watchBalance/watchPositions or the provider's own
 * stream). Opened by the companion only while a dashboard or popup is listening
 * (realtime/live-updates.ts); a provider without one is polled instead.
 *
 * A source writes in the same account keys, asset names and position symbols as its
 * connector's sync, so a live update and the next sync describe the same rows.
 */
export interface LiveSource {
  /** Opens the stream; resolves once the provider has accepted the subscription. */
  open(ctx: ConnectorContext, handlers: LiveHandlers): Promise<LiveStream>;
}

export interface LiveHandlers {
  /** Balances that changed, as absolute values (not deltas) for the assets named. */
  onBalances(update: LiveBalanceUpdate): void;
  /** Positions that changed (or the whole open set, see `complete`). Sources without positions never call it. */
  onPositions(update: LivePositionUpdate): void;
  /** The stream failed; `final` when it will not try again (a key that no longer works). */
  onError(error: Error, final: boolean): void;
}

export interface LiveBalanceUpdate {
  /** The sub-account the balances belong to (`spot`). */
  accountKey: string;
  /** Every asset the provider reported as changed, zero balances included (they mean "gone"). */
  balances: BalanceRecord[];
}

export interface LivePositionUpdate {
  /** The sub-account the positions belong to (`futures:usdm`), as the connector's sync names it. */
  accountKey: string;
  /**
   * Positions as the provider reported them, whole records (not deltas). Each replaces the
   * stored position with the same symbol and side; one with `contracts` "0" is closed.
   */
  positions: PositionRecord[];
  /**
   * True when `positions` is the account's whole open set (a snapshot): every stored position
   * of the account not named is closed. False for an event that names only what changed.
   */
  complete: boolean;
}

export interface LiveStream {
  close(): Promise<void>;
}
