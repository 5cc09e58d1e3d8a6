import { UnavailableError } from '@omnifolio/shared/errors';
import { describe, expect, it } from 'vitest';
import { KeyringKeyProvider } from './keyring-key-provider.js';
import { fakeKeyring } from './test-helpers.js';

describe('KeyringKeyProvider', () => {
  it('creates a key in the keyring once and reads the same key afterwards', async () => {
    const keyring = fakeKeyring();
    const first = await new KeyringKeyProvider({ dataDir: '/data/a', loadModule: keyring.loadModule }).load();
    const again = await new KeyringKeyProvider({ dataDir: '/data/a', loadModule: keyring.loadModule }).load();
    expect(first.keyId).toMatch(/^keyring:[0-9a-f]{8}$/);
    expect(again.key.equals(first.key)).toBe(true);
    expect([...keyring.entries.keys()]).toEqual(['omnifolio\u0000master-key:/data/a']);
    expect(Buffer.from([...keyring.entries.values()][0] ?? '', 'base64')).toHaveLength(32);
  });

  it('keeps one key per data directory', async () => {
    const keyring = fakeKeyring();
    const a = await new KeyringKeyProvider({ dataDir: '/data/a', loadModule: keyring.loadModule }).load();
    const b = await new KeyringKeyProvider({ dataDir: '/data/b', loadModule: keyring.loadModule }).load();
    expect(a.keyId).not.toBe(b.keyId);
  });

  it('pins Linux to the Secret Service, never the kernel keyring that forgets at reboot', async () => {
    const keyring = fakeKeyring();
    await new KeyringKeyProvider({ dataDir: '/data/a', loadModule: keyring.loadModule }).load();
    expect(keyring.opened.every((e) => e.store === 'secret-service')).toBe(true);
  });

  it('reports unavailable when the binding is missing or the keyring does not answer', async () => {
    const missing = new KeyringKeyProvider({
      dataDir: '/data/a',
      loadModule: async () => {
        throw new Error("Cannot find module '@napi-rs/keyring-linux-x64-gnu'");
      },
    });
    expect(await missing.isAvailable()).toBe(false);
    const down = new KeyringKeyProvider({ dataDir: '/data/a', loadModule: fakeKeyring({ down: true }).loadModule });
    expect(await down.isAvailable()).toBe(false);
    const error = await down.load().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnavailableError);
    expect((error as UnavailableError).message).toBe('The OS keyring that holds the Omnifolio key cannot be read.');
  });

  it('loads the real binding by default', async () => {
    // Only the import: whether this machine has a keyring is not the test's business.
    const module = await import('@napi-rs/keyring');
    expect(typeof module.AsyncEntry).toBe('function');
    expect(new KeyringKeyProvider({ dataDir: '/data/a' }).account).toBe('master-key:/data/a');
  });
});
