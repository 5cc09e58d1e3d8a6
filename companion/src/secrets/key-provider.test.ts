import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { UnavailableError } from '@omnifolio/shared/errors';
import { describe, expect, it } from 'vitest';
import { chooseKeyProvider } from './key-provider.js';
import { KeyringKeyProvider } from './keyring-key-provider.js';
import { PassphraseRequiredError } from './secret-errors.js';
import { fakeKeyring, tempDataDirs } from './test-helpers.js';

const dataDir = tempDataDirs();

function keyringFor(dir: string, keyring = fakeKeyring()): KeyringKeyProvider {
  return new KeyringKeyProvider({ dataDir: dir, loadModule: keyring.loadModule });
}

describe('chooseKeyProvider', () => {
  it('uses the key file by default', async () => {
    const provider = await chooseKeyProvider({ dataDir: dataDir() });
    expect(provider.kind).toBe('file');
  });

  it('uses the passphrase when one is given', async () => {
    const provider = await chooseKeyProvider({ dataDir: dataDir(), passphrase: 'tulip frost ledger' });
    expect(provider.kind).toBe('passphrase');
  });

  it('falls back to the key file when the keyring is preferred but not available', async () => {
    const dir = dataDir();
    const provider = await chooseKeyProvider({ dataDir: dir, preferKeyring: true, keyring: keyringFor(dir, fakeKeyring({ down: true })) });
    expect(provider.kind).toBe('file');
    expect(existsSync(join(dir, 'secret.keyring'))).toBe(false);
  });

  it('falls back to the key file when the keyring reads but cannot store a key', async () => {
    const dir = dataDir();
    const provider = await chooseKeyProvider({ dataDir: dir, preferKeyring: true, keyring: keyringFor(dir, fakeKeyring({ readOnly: true })) });
    expect(provider.kind).toBe('file');
    expect(existsSync(join(dir, 'secret.keyring'))).toBe(false);
  });

  it('uses an available keyring when preferred, and then keeps to it', async () => {
    const dir = dataDir();
    const keyring = fakeKeyring();
    const provider = await chooseKeyProvider({ dataDir: dir, preferKeyring: true, keyring: keyringFor(dir, keyring) });
    expect(provider.kind).toBe('keyring');
    await provider.load();
    expect(existsSync(join(dir, 'secret.keyring'))).toBe(true);

    // Next start, keyring not preferred: the directory still uses it.
    expect((await chooseKeyProvider({ dataDir: dir, keyring: keyringFor(dir, keyring) })).kind).toBe('keyring');
    // Next start over ssh, no keyring: refuse rather than make a new key that opens nothing.
    await expect(chooseKeyProvider({ dataDir: dir, keyring: keyringFor(dir, fakeKeyring({ down: true })) })).rejects.toThrow(UnavailableError);
    expect(existsSync(join(dir, 'secret.key'))).toBe(false);
  });

  it('keeps a directory that has a key file on the key file, even when a keyring is preferred', async () => {
    const dir = dataDir();
    await (await chooseKeyProvider({ dataDir: dir })).load();
    const provider = await chooseKeyProvider({ dataDir: dir, preferKeyring: true, keyring: keyringFor(dir) });
    expect(provider.kind).toBe('file');
  });

  it('asks for the passphrase of a directory that was set up with one', async () => {
    const dir = dataDir();
    await (await chooseKeyProvider({ dataDir: dir, passphrase: 'tulip frost ledger' })).load();
    await expect(chooseKeyProvider({ dataDir: dir })).rejects.toThrow(PassphraseRequiredError);
    expect(existsSync(join(dir, 'secret.key'))).toBe(false);
  });
});
