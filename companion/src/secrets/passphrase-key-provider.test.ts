import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ValidationError } from '@omnifolio/shared/errors';
import { describe, expect, it } from 'vitest';
import { PassphraseKeyProvider } from './passphrase-key-provider.js';
import { WrongPassphraseError } from './secret-errors.js';
import { tempDataDirs } from './test-helpers.js';

const dataDir = tempDataDirs();

describe('PassphraseKeyProvider', () => {
  it('derives the same key from the same passphrase, with a 0600 salt and verifier', async () => {
    const dir = dataDir();
    const first = await new PassphraseKeyProvider(dir, 'correct horse battery staple').load();
    expect(first.keyId).toMatch(/^passphrase:[0-9a-f]{8}$/);
    expect(readFileSync(join(dir, 'secret.salt'))).toHaveLength(16);
    for (const name of ['secret.salt', 'secret.verifier']) expect(statSync(join(dir, name)).mode & 0o777, name).toBe(0o600);
    const verifier = JSON.parse(readFileSync(join(dir, 'secret.verifier'), 'utf8'));
    expect(verifier.kdf).toEqual({ name: 'scrypt', N: 32768, r: 8, p: 1 });
    expect(JSON.stringify(verifier)).not.toContain('correct horse');

    const again = await new PassphraseKeyProvider(dir, 'correct horse battery staple').load();
    expect(again.keyId).toBe(first.keyId);
    expect(again.key.equals(first.key)).toBe(true);
  });

  it('detects a wrong passphrase before any secret is touched', async () => {
    const dir = dataDir();
    await new PassphraseKeyProvider(dir, 'correct horse battery staple').load();
    const error = await new PassphraseKeyProvider(dir, 'correct horse battery stapler').load().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WrongPassphraseError);
    expect((error as WrongPassphraseError).message).toBe('The passphrase does not open this data directory.');
    expect(JSON.stringify(error)).not.toContain('stapler');
  });

  it('gives different directories different keys for the same passphrase', async () => {
    const a = await new PassphraseKeyProvider(dataDir(), 'same words').load();
    const b = await new PassphraseKeyProvider(dataDir(), 'same words').load();
    expect(a.key.equals(b.key)).toBe(false);
  });

  it('treats composed and decomposed accents as the same passphrase', async () => {
    const dir = dataDir();
    const composed = await new PassphraseKeyProvider(dir, 'caf\u00e9 cr\u00e8me').load();
    const decomposed = await new PassphraseKeyProvider(dir, 'cafe\u0301 cre\u0300me').load();
    expect(decomposed.keyId).toBe(composed.keyId);
  });

  it('refuses an empty passphrase', () => {
    expect(() => new PassphraseKeyProvider(dataDir(), '')).toThrow(ValidationError);
  });
});
