import type { SchwabWatchOutcome } from './schwab-callback';
import type { SchwabClient } from './schwab-client';

/** What the companion returns when a Schwab sign-in starts. */
export interface SchwabSignInStart {
  state: string;
  authorizeUrl: string;
  callbackUrl: string;
}

/**
 * The parts of the Schwab sign-in that depend on where the page runs. In the extension the
 * background worker can follow the login tab to the callback address; on the companion's own
 * page there is no extension API, so the login opens in a normal tab and the person pastes
 * the address. Components only see this interface, so the dashboard the companion serves
 * never loads webextension-polyfill (which refuses to run outside an extension).
 */
export interface SchwabSignInHost {
  client(): Promise<SchwabClient>;
  /**
   * Asks for the callback host permission while the click still counts as the person's
   * gesture; false where it was refused or cannot exist.
   */
  requestCallbackAccess(callbackUrl: string): Promise<boolean>;
  /** Opens Schwab's login; when `watched`, the background worker finishes the sign-in by itself. */
  open(start: SchwabSignInStart, watched: boolean): Promise<void>;
  /** Calls `listener` with the watcher's outcome for this sign-in; returns the unsubscribe. */
  onOutcome(state: string, listener: (outcome: SchwabWatchOutcome) => void): () => void;
}
