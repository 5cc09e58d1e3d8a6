import { STORAGE_KEYS } from './storage-keys';

/** What the popup's first frame shows: the cached overview, the display currency, the remembered analytics. */
export const EARLY_READ_KEYS: readonly string[] = [STORAGE_KEYS.overview, STORAGE_KEYS.currency, STORAGE_KEYS.analytics];

/** Where public/popup-early-read.js leaves its read. */
export const EARLY_READ_SLOT = '__omnifolioEarlyRead';

type Slot = { [EARLY_READ_SLOT]?: Promise<Record<string, unknown>> };

/**
 * The popup's early read, once. public/popup-early-read.js starts reading what the popup's
 * first frame shows (`EARLY_READ_KEYS`) while the browser is still loading the popup's
 * modules: in a trace of the popup the modules arrive 80–110 ms after the page, and the read,
 * started after them, took another 17 ms before the first render could begin; started early,
 * it has ended by then. Null when the script did not run (or has not yet): the popup then
 * reads for itself.
 */
export function takeEarlyRead(): Promise<Record<string, unknown>> | null {
  const slot = globalThis as Slot;
  const read = slot[EARLY_READ_SLOT] ?? null;
  delete slot[EARLY_READ_SLOT];
  return read;
}
