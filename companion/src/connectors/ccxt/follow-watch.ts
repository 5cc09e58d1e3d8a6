import { AuthError, PermissionError } from '@omnifolio/shared/errors';
import type { ConnectorClock } from '../ccxt/clock.js';

const FIRST_RETRY_MS = 1_000;
const LAST_RETRY_MS = 60_000;

export interface FollowWatchParameters {
  /** One ccxt pro watch call; it reconnects by itself when called after a failure. */
  watch: () => Promise<unknown>;
  /** A watch already started (by the stream's `open`), awaited before the first new call. */
  first?: Promise<unknown>;
  toError: (error: unknown) => Error;
  onError: (error: Error, final: boolean) => void;
  /** Called after a failure and its back-off, before watching again (to catch up on what the drop missed). */
  beforeRetry?: () => Promise<void>;
  /** Closes the stream; called when a failure is final. */
  close: () => Promise<void>;
  clock: ConnectorClock;
  signal: AbortSignal;
}

/** Whether a stream failure is for good: a key the exchange refuses stays refused until the user changes it. */
export function isFinalStreamError(error: Error): boolean {
  return error instanceof AuthError || error instanceof PermissionError;
}

/**
 * Keeps a ccxt pro watch going until `signal` aborts: each failure is reported, a key the exchange
 * refuses (AuthError, PermissionError) ends it for good, anything else is retried after a
 * back-off that doubles from 1 s to 60 s, so a server that is down is not hammered. The events
 * themselves are read where ccxt handles them (see the callers); what a watch resolves to is not.
 */
export function followWatch(parameters: FollowWatchParameters): void {
  const { watch, toError, onError, close, clock, signal } = parameters;
  void (async () => {
    let wait = FIRST_RETRY_MS;
    let pending = parameters.first;
    let retrying = false;
    while (!signal.aborted) {
      try {
        if (retrying) {
          await parameters.beforeRetry?.();
          retrying = false;
        }
        await (pending ?? watch());
        pending = undefined;
        wait = FIRST_RETRY_MS;
      } catch (error) {
        pending = undefined;
        if (signal.aborted) return;
        const mapped = toError(error);
        const final = isFinalStreamError(mapped);
        onError(mapped, final);
        if (final) {
          await close();
          return;
        }
        await clock.sleep(wait, signal).catch(() => undefined);
        wait = Math.min(wait * 2, LAST_RETRY_MS);
        retrying = true;
      }
    }
  })();
}

/**
 * `followWatch` for a stream that counts as open only once the exchange has acknowledged its
 * subscriptions: resolves when `subscribed` does; a failure before that closes the stream and
 * rejects with it, so the source's `open` reports a refused key or an unreachable server to its
 * caller instead of a stream that never delivers. Later failures go to `onError` only.
 */
export async function followWatchUntilSubscribed(subscribed: Promise<void>, parameters: FollowWatchParameters): Promise<void> {
  let firstFailure: (error: Error) => void = () => undefined;
  const failedBeforeSubscribed = new Promise<never>((_, reject) => {
    firstFailure = reject;
  });
  failedBeforeSubscribed.catch(() => undefined);
  followWatch({
    ...parameters,
    onError: (mapped, final) => {
      firstFailure(mapped);
      parameters.onError(mapped, final);
    },
  });
  try {
    await Promise.race([subscribed, failedBeforeSubscribed]);
  } catch (error) {
    await parameters.close();
    throw error;
  }
}
