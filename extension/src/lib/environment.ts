import type { PreferenceStore } from './preferences';
import type { CompanionAccess } from './probe';
import type { SchwabSignInHost } from './schwab-sign-in-host';
import type { Pairing } from './settings';

/** What changed outside the current page: the pairing (or port), or the cached overview. */
export type EnvironmentChange = 'access' | 'overview';

/**
 * Everything the UI needs from where it runs. The entry point builds one; components and
 * hooks only see this, so one set of components serves the popup, the extension's dashboard
 * tab and the dashboard the companion serves in a normal tab.
 */
export interface Environment {
  mode: 'extension' | 'companion-page';
  access(): Promise<CompanionAccess>;
  preferences: PreferenceStore;
  subscribe(listener: (change: EnvironmentChange) => void): () => void;
  /** Opens the extension's options page; null where there is none (the companion's page). */
  openOptions: (() => void) | null;
  /** The full-tab dashboard; null when already there. */
  dashboardUrl: string | null;
  /**
   * Opens the companion's wallet-connect page (http://127.0.0.1:<port>/connect), where wallet
   * extensions inject their providers; rejects with the companion's error when it cannot.
   */
  openWalletConnect(): Promise<void>;
  /** Schwab's weekly OAuth sign-in, as far as this place can take part in it. */
  schwab: SchwabSignInHost;
}

/** Pairing storage; only the extension has it. */
export interface PairingStore {
  getPairing(): Promise<Pairing | null>;
  savePairing(pairing: Pairing): Promise<void>;
  clearPairing(): Promise<void>;
  getPort(): Promise<number>;
  savePort(port: number): Promise<void>;
}

export interface ExtensionEnvironment extends Environment {
  mode: 'extension';
  pairing: PairingStore;
  /** How this browser's token is labelled in the companion's token list. */
  tokenLabel: string;
}
