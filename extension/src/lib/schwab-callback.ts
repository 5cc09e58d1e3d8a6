/**
 * Recognizes the address Schwab redirects to after the login: the app's registered callback
 * URL (same origin and path) with a `code` or an `error`. Nothing listens there (Schwab requires
 * HTTPS, and the companion serves plain HTTP on loopback), so the tab shows a connection error
 * while its address bar holds what the companion needs.
 */
export function isSchwabCallback(address: string, callbackUrl: string): boolean {
  let url: URL;
  let expected: URL;
  try {
    url = new URL(address);
    expected = new URL(callbackUrl);
  } catch {
    return false;
  }
  const trim = (path: string) => path.replace(/\/+$/, '');
  return url.origin === expected.origin && trim(url.pathname) === trim(expected.pathname) && (url.searchParams.has('code') || url.searchParams.has('error'));
}

/** The host permission that lets the extension see a tab reach the callback URL: `https://127.0.0.1/*`. */
export function callbackPermission(callbackUrl: string): string {
  const url = new URL(callbackUrl);
  return `${url.protocol}//${url.hostname}/*`;
}

/** A message from a page of the extension asking the background to open Schwab and finish the sign-in. */
export interface SchwabWatchMessage {
  type: 'schwab:authorize';
  state: string;
  authorizeUrl: string;
  callbackUrl: string;
}

/** Where the background leaves the outcome, under `schwabSignIn:<state>` in local storage. */
export interface SchwabWatchOutcome {
  ok: boolean;
  label: string | null;
  message: string | null;
}

export const schwabOutcomeKey = (state: string) => `schwabSignIn:${state}`;
