import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import type { KeyringModule } from './keyring-key-provider.js';

/** A fresh data directory per test, removed by the returned cleanup. */
export function tempDataDir(): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'omnifolio-secrets-'));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Registers cleanup with the calling test file and returns a maker of fresh data directories. */
export function tempDataDirs(): () => string {
  const cleanups: (() => void)[] = [];
  afterEach(() => {
    for (const cleanup of cleanups.splice(0)) cleanup();
  });
  return () => {
    const { dir, cleanup } = tempDataDir();
    cleanups.push(cleanup);
    return dir;
  };
}

/**
 * An in-memory stand-in for `@napi-rs/keyring`, so tests never touch the real OS keyring
 * of the machine they run on. `down: true` behaves like headless Linux without D-Bus;
 * `readOnly: true` like a Secret Service that answers reads but has no collection to write to.
 */
export function fakeKeyring(options: { down?: boolean; readOnly?: boolean } = {}) {
  const entries = new Map<string, string>();
  const opened: { service: string; account: string; store: string | undefined }[] = [];
  const module: KeyringModule = {
    AsyncEntry: class {
      readonly #id: string;
      constructor(service: string, account: string, entryOptions?: { linux?: { store?: 'secret-service' | 'keyutils' } }) {
        this.#id = `${service}\u0000${account}`;
        opened.push({ service, account, store: entryOptions?.linux?.store });
      }
      async getPassword() {
        if (options.down) throw new Error('Platform failure: DBus error: Using X11 for dbus-daemon autolaunch was disabled');
        return entries.get(this.#id) ?? null;
      }
      async setPassword(password: string) {
        if (options.down) throw new Error('Platform failure: DBus error');
        // What a Secret Service without a default collection answers.
        if (options.readOnly) throw new Error("Couldn't access platform storage: Secret Service: no result found");
        entries.set(this.#id, password);
      }
    },
  };
  return { module, entries, opened, loadModule: async () => module };
}
