import type { BalanceRecord } from '@omnifolio/shared/schemas';
import type { ConnectorContext } from './types.js';

/**
 * A provider's push channel for balances (Binance's user data stream through ccxt pro's
 * watchBalance). Opened by the companion only while a dashboard or popup is listening
 * (realtime/live-updates.ts); a provider without one is polled instead.
 */
export interface LiveBalanceSource {
  /** Opens the stream; resolves once the provider has accepted the subscription. */
  open(ctx: ConnectorContext, handlers: LiveBalanceHandlers): Promise<LiveBalanceStream>;
}

export interface LiveBalanceHandlers {
  /** Balances that changed, as absolute values (not deltas) for the assets named. */
  onBalances(update: LiveBalanceUpdate): void;
  /** The stream failed; `final` when it will not try again (a key that no longer works). */
  onError(error: Error, final: boolean): void;
}

export interface LiveBalanceUpdate {
  /** The sub-account the balances belong to (`spot`). */
  accountKey: string;
  /** Every asset the provider reported as changed, zero balances included (they mean "gone"). */
  balances: BalanceRecord[];
}

export interface LiveBalanceStream {
  close(): Promise<void>;
}
