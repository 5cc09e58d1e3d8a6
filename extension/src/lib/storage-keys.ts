/**
 * Where the extension keeps its settings and cached data in `browser.storage.local`. Its own
 * module, free of webextension-polyfill, so the popup's early read (lib/early-read.ts), a
 * script of a few hundred bytes, can name them too.
 */
export const STORAGE_KEYS = {
  pairing: 'pairing',
  /** The port last typed on the options page, used to look for the companion before pairing. */
  port: 'companionPort',
  currency: 'currency',
  overview: 'lastOverview',
  analytics: 'lastAnalytics',
} as const;
