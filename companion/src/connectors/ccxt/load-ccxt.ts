import type * as Ccxt from 'ccxt';

/**
 * The only place that imports ccxt, and only when an exchange actually syncs: importing it
 * costs about 0.8 s and 130 MB, which a companion that only serves the dashboard (or only
 * syncs wallets) must not pay. Everything else imports ccxt's *types* only (`import type`),
 * which the compiler erases.
 */
export type CcxtModule = typeof Ccxt;

let loading: Promise<CcxtModule> | undefined;
let loaded = false;

export function loadCcxt(): Promise<CcxtModule> {
  loading ??= import('ccxt').then(
    (module) => {
      loaded = true;
      return module;
    },
    (error: unknown) => {
      // Let a later sync try again instead of caching the failure forever.
      loading = undefined;
      throw error;
    },
  );
  return loading;
}

/** Whether ccxt has been imported in this process (start-up cost tests assert it has not). */
export function isCcxtLoaded(): boolean {
  return loaded;
}
