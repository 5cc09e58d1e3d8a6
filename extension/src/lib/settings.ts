import type { QuoteCurrency } from '@omnifolio/shared/api';
import browser from 'webextension-polyfill';
import { DEFAULT_COMPANION_PORT } from './constants';
import { type CachedAnalytics, type CachedOverview, isQuoteCurrency, keepAnalytics, type PreferenceStore } from './preferences';
import type { Remembered } from './remembered';
import { STORAGE_KEYS } from './storage-keys';

export { STORAGE_KEYS };

/**
 * Extension settings in `browser.storage.local`. Only extension pages and the background
 * worker import this module: webextension-polyfill throws when loaded anywhere else (the
 * dashboard served by the companion imports it lazily, and only inside the extension).
 */

/** What pairing with the companion leaves behind. The token is the extension's only secret. */
export interface Pairing {
  port: number;
  token: string;
  tokenId: string;
}

/** What belongs to the paired portfolio and goes with its pairing. */
const PORTFOLIO_DATA = [STORAGE_KEYS.overview, STORAGE_KEYS.analytics];

export function isValidPort(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= 65535;
}

function asPairing(value: unknown): Pairing | null {
  if (typeof value !== 'object' || value === null) return null;
  const { port, token, tokenId } = value as Record<string, unknown>;
  if (!isValidPort(port) || typeof token !== 'string' || token === '' || typeof tokenId !== 'string') return null;
  return { port, token, tokenId };
}

function isCachedAnalytics(value: unknown): value is CachedAnalytics {
  if (typeof value !== 'object' || value === null) return false;
  const { key, fetchedAt, performance, history } = value as Record<string, unknown>;
  return (
    typeof key === 'string' &&
    typeof fetchedAt === 'string' &&
    typeof performance === 'object' &&
    performance !== null &&
    typeof history === 'object' &&
    history !== null
  );
}

function asCachedOverview(value: unknown): CachedOverview | null {
  if (typeof value !== 'object' || value === null) return null;
  const { overview, fetchedAt } = value as Record<string, unknown>;
  if (typeof fetchedAt !== 'string' || typeof overview !== 'object' || overview === null) return null;
  return value as CachedOverview;
}

export async function getPairing(): Promise<Pairing | null> {
  const stored = await browser.storage.local.get(STORAGE_KEYS.pairing);
  return asPairing(stored[STORAGE_KEYS.pairing]);
}

/** Saves a new pairing. The cached numbers belonged to whatever was paired before, so they go. */
export async function savePairing(pairing: Pairing): Promise<void> {
  await browser.storage.local.remove(PORTFOLIO_DATA);
  await browser.storage.local.set({ [STORAGE_KEYS.pairing]: pairing, [STORAGE_KEYS.port]: pairing.port });
}

/** Forgets the token and the portfolio data cached with it; keeps the port and currency. */
export async function clearPairing(): Promise<void> {
  await browser.storage.local.remove([STORAGE_KEYS.pairing, ...PORTFOLIO_DATA]);
}

/** The companion's port: the paired one, else the last one typed, else the default. */
export async function getPort(): Promise<number> {
  const stored = await browser.storage.local.get([STORAGE_KEYS.pairing, STORAGE_KEYS.port]);
  const pairing = asPairing(stored[STORAGE_KEYS.pairing]);
  if (pairing) return pairing.port;
  const port = stored[STORAGE_KEYS.port];
  return isValidPort(port) ? port : DEFAULT_COMPANION_PORT;
}

export async function savePort(port: number): Promise<void> {
  if (!isValidPort(port)) throw new RangeError(`${port} is not a port number (1 to 65535).`);
  await browser.storage.local.set({ [STORAGE_KEYS.port]: port });
}

function currencyIn(stored: Record<string, unknown>): QuoteCurrency {
  const currency = stored[STORAGE_KEYS.currency];
  return isQuoteCurrency(currency) ? currency : 'USD';
}

function cachedAnalyticsIn(stored: Record<string, unknown>): CachedAnalytics[] {
  const entries = stored[STORAGE_KEYS.analytics];
  return Array.isArray(entries) ? entries.filter(isCachedAnalytics) : [];
}

/** What the dashboard remembers, from one read of the storage (lib/early-read.ts), checked as the getters below check it. */
export function rememberedIn(stored: Record<string, unknown>): Remembered {
  return { cached: asCachedOverview(stored[STORAGE_KEYS.overview]), currency: currencyIn(stored), analytics: cachedAnalyticsIn(stored) };
}

export async function getCurrency(): Promise<QuoteCurrency> {
  return currencyIn(await browser.storage.local.get(STORAGE_KEYS.currency));
}

export async function setCurrency(currency: QuoteCurrency): Promise<void> {
  await browser.storage.local.set({ [STORAGE_KEYS.currency]: currency });
}

export async function getCachedOverview(): Promise<CachedOverview | null> {
  const stored = await browser.storage.local.get(STORAGE_KEYS.overview);
  return asCachedOverview(stored[STORAGE_KEYS.overview]);
}

export async function setCachedOverview(cached: CachedOverview): Promise<void> {
  await browser.storage.local.set({ [STORAGE_KEYS.overview]: cached });
}

export async function getCachedAnalytics(): Promise<CachedAnalytics[]> {
  return cachedAnalyticsIn(await browser.storage.local.get(STORAGE_KEYS.analytics));
}

export async function setCachedAnalytics(entry: CachedAnalytics): Promise<void> {
  await browser.storage.local.set({ [STORAGE_KEYS.analytics]: keepAnalytics(await getCachedAnalytics(), entry) });
}

/**
 * Calls `listener` when another page or the background worker changes a setting, so an open
 * popup picks up a pairing made on the options page or an overview the worker fetched.
 */
export function watchSettings(listener: (changedKeys: string[]) => void): () => void {
  const onChanged = (changes: Record<string, unknown>, areaName: string) => {
    if (areaName !== 'local') return;
    const keys = Object.keys(changes).filter((key) => (Object.values(STORAGE_KEYS) as string[]).includes(key));
    if (keys.length > 0) listener(keys);
  };
  browser.storage.onChanged.addListener(onChanged);
  return () => browser.storage.onChanged.removeListener(onChanged);
}

export const extensionPreferences: PreferenceStore = {
  getCurrency,
  setCurrency,
  getCachedOverview,
  setCachedOverview,
  getCachedAnalytics,
  setCachedAnalytics,
};
