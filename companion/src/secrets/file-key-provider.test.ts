import { chmodSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { FileKeyProvider } from './file-key-provider.js';
import { DamagedKeyFileError, InsecureKeyFileError, shellQuote } from './secret-errors.js';
import { tempDataDirs } from './test-helpers.js';

const dataDir = tempDataDirs();

describe('FileKeyProvider', () => {
  it('creates a 32-byte key file with mode 0600 and a stable key id', async () => {
    const dir = dataDir();
    const first = await new FileKeyProvider(dir).load();
    const path = join(dir, 'secret.key');
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(readFileSync(path)).toHaveLength(32);
    expect(first.keyId).toMatch(/^file:[0-9a-f]{8}$/);
    const again = await new FileKeyProvider(dir).load();
    expect(again.keyId).toBe(first.keyId);
    expect(again.key.equals(first.key)).toBe(true);
  });

  it('creates the data directory and leaves no temporary file behind', async () => {
    const dir = join(dataDir(), 'nested', 'data');
    await new FileKeyProvider(dir).load();
    expect(readdirSync(dir)).toEqual(['secret.key']);
  });

  it('gives every racer in one directory the same key', async () => {
    const dir = dataDir();
    const keys = await Promise.all([new FileKeyProvider(dir).load(), new FileKeyProvider(dir).load(), new FileKeyProvider(dir).load()]);
    expect(new Set(keys.map((k) => k.keyId)).size).toBe(1);
  });

  it('refuses a key file other users can read, saying which chmod to run', async () => {
    const dir = dataDir();
    await new FileKeyProvider(dir).load();
    const path = join(dir, 'secret.key');
    chmodSync(path, 0o644);
    const error = await new FileKeyProvider(dir).load().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InsecureKeyFileError);
    expect((error as InsecureKeyFileError).message).toBe(
      `The key file ${path} can be read by other users of this computer (mode 0644); run: chmod 600 ${shellQuote(path)}`,
    );
    expect((error as InsecureKeyFileError).hints[0]).toBe(`Run \`chmod 600 ${shellQuote(path)}\` and start the companion again.`);
    chmodSync(path, 0o640);
    await expect(new FileKeyProvider(dir).load()).rejects.toThrow(InsecureKeyFileError);
    chmodSync(path, 0o600);
    await expect(new FileKeyProvider(dir).load()).resolves.toBeDefined();
  });

  it('refuses a key file of the wrong length instead of using it', async () => {
    const dir = dataDir();
    writeFileSync(join(dir, 'secret.key'), Buffer.alloc(7), { mode: 0o600 });
    await expect(new FileKeyProvider(dir).load()).rejects.toThrow(DamagedKeyFileError);
    await expect(new FileKeyProvider(dir).load()).rejects.toThrow('it holds 7 bytes, a key has 32');
  });

  it('never prints the key bytes', async () => {
    const key = await new FileKeyProvider(dataDir()).load();
    expect(inspect(key)).toBe(`MasterKey(${key.keyId})`);
    expect(JSON.stringify(key)).toBe(`{"keyId":"${key.keyId}"}`);
    expect(Object.keys(key)).toEqual(['keyId']);
  });
});

describe('shellQuote', () => {
  it('quotes only paths that need it', () => {
    expect(shellQuote('/home/me/.omnifolio/secret.key')).toBe('/home/me/.omnifolio/secret.key');
    expect(shellQuote("/Users/Jo Smith/it's/secret.key")).toBe("'/Users/Jo Smith/it'\\''s/secret.key'");
  });
});
