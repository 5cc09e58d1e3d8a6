import { SCHWAB_REFRESH_TOKEN_LIFE_MS } from './schwab-oauth.js';

/** From this long before the refresh token ends, the connection carries a warning. */
export const SCHWAB_WARNING_WINDOW_MS = 24 * 3_600_000;

/** The connection setting (not secret) that records when the user last authorized. */
export const SCHWAB_AUTHORIZED_AT_SETTING = 'schwabAuthorizedAt';

export type SchwabSignInState = 'ok' | 'expiring' | 'expired' | 'unknown';

export interface SchwabSignIn {
  state: SchwabSignInState;
  /** When the refresh token ends (ISO), or null when the authorization time is unknown. */
  expiresAt: string | null;
  /** A sentence for the options page and popup; null while nothing needs doing. */
  message: string | null;
}

/** "11 h", "45 min", "2 days": how long until the sign-in ends, rounded down. */
function remaining(ms: number): string {
  const hours = Math.floor(ms / 3_600_000);
  if (hours >= 48) return `${Math.floor(hours / 24)} days`;
  if (hours >= 1) return `${hours} h`;
  return `${Math.max(1, Math.floor(ms / 60_000))} min`;
}

/**
 * Where a Schwab authorization stands at `now`: Schwab's refresh token lives 7 days from the
 * authorization and cannot be extended, so the user signs in again once a week. The warning
 * starts 24 hours before the end, early enough to re-authorize at a convenient moment.
 */
export function schwabSignIn(authorizedAt: string | null | undefined, now: number): SchwabSignIn {
  const at = authorizedAt ? Date.parse(authorizedAt) : Number.NaN;
  if (!Number.isFinite(at)) return { state: 'unknown', expiresAt: null, message: null };
  const expires = at + SCHWAB_REFRESH_TOKEN_LIFE_MS;
  const expiresAt = new Date(expires).toISOString();
  const left = expires - now;
  if (left <= 0) return { state: 'expired', expiresAt, message: 'Schwab sign-in has expired — Re-authorize to sync again.' };
  if (left <= SCHWAB_WARNING_WINDOW_MS) return { state: 'expiring', expiresAt, message: `Schwab sign-in expires in ${remaining(left)} — Re-authorize.` };
  return { state: 'ok', expiresAt, message: null };
}
