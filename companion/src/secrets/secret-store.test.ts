import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { NotFoundError, ValidationError } from '@omnifolio/shared/errors';
import { eq } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { openStorage, type Storage } from '../storage/database.js';
import { secrets } from '../storage/schema/secrets.js';
import { FileKeyProvider } from './file-key-provider.js';
import type { KeyProvider } from './key-provider.js';
import { SecretIntegrityError, SecretKeyMismatchError } from './secret-errors.js';
import { createSecretStore } from './secret-store.js';
import { tempDataDir } from './test-helpers.js';

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0).reverse()) cleanup();
});

function setup(path = ':memory:'): { storage: Storage; dir: string; provider: KeyProvider } {
  const { dir, cleanup } = tempDataDir();
  cleanups.push(cleanup);
  const storage = openStorage(path === ':memory:' ? path : join(dir, path));
  cleanups.push(() => storage.close());
  return { storage, dir, provider: new FileKeyProvider(dir) };
}

/** A random credential-looking string that cannot occur by chance in the file. */
function planted(length = 40): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  return Array.from(randomBytes(length), (b) => alphabet[b % alphabet.length]).join('');
}

describe('secret store', () => {
  it('round-trips credentials', async () => {
    const { storage, provider } = setup();
    const store = createSecretStore(storage.db, provider, { now: () => new Date('2024-06-03T12:00:00Z') });
    const id = await store.put({ apiKey: 'key-123', apiSecret: 'secret-456', passphrase: '' });
    expect(id).toMatch(/^sec_[0-9a-f-]{36}$/);
    expect({ ...(await store.get(id)) }).toEqual({ apiKey: 'key-123', apiSecret: 'secret-456', passphrase: '' });

    const row = storage.db.select().from(secrets).where(eq(secrets.id, id)).get();
    expect(row?.keyId).toBe((await provider.load()).keyId);
    expect(row?.version).toBe(1);
    expect(row?.createdAt).toBe('2024-06-03T12:00:00.000Z');
    expect(Buffer.from(row?.iv ?? '', 'base64')).toHaveLength(12);
    expect(Buffer.from(row?.authTag ?? '', 'base64')).toHaveLength(16);
  });

  it('uses a fresh IV for every write, including a replace', async () => {
    const { storage, provider } = setup();
    const store = createSecretStore(storage.db, provider);
    const a = await store.put({ apiKey: 'same' });
    const b = await store.put({ apiKey: 'same' });
    const ivOf = (id: string) => storage.db.select().from(secrets).where(eq(secrets.id, id)).get()?.iv;
    const before = ivOf(a);
    expect(before).not.toBe(ivOf(b));
    await store.replace(a, { apiKey: 'rotated' });
    expect(ivOf(a)).not.toBe(before);
    expect((await store.get(a)).apiKey).toBe('rotated');
  });

  it('deletes, and reports a missing id clearly', async () => {
    const { storage, provider } = setup();
    const store = createSecretStore(storage.db, provider);
    const id = await store.put({ apiKey: 'k' });
    await store.delete(id);
    await store.delete(id);
    await expect(store.get(id)).rejects.toThrow(NotFoundError);
    await expect(store.replace(id, { apiKey: 'k' })).rejects.toThrow(`No stored credentials with id ${id}.`);
  });

  it('never writes the plaintext or the key into the SQLite file or its WAL', async () => {
    const { storage, provider } = setup('omnifolio.sqlite');
    const store = createSecretStore(storage.db, provider);
    const secretValue = planted();
    const control = planted();
    await store.put({ apiKey: 'visible-field-name-check', apiSecret: secretValue });
    // A value stored in clear elsewhere, to prove the byte search below would find one.
    storage.sqlite.exec('CREATE TABLE control (v TEXT)');
    storage.sqlite.prepare('INSERT INTO control VALUES (?)').run(control);

    const files = () => [storage.path, `${storage.path}-wal`].filter(existsSync).map((p) => readFileSync(p));
    const key = (await provider.load()).key;
    const needles = [Buffer.from(secretValue), key, Buffer.from(key.toString('hex')), Buffer.from(key.toString('base64'))];

    // Before the checkpoint the new pages sit in the WAL; after it, in the main file.
    for (const stage of ['wal', 'checkpointed']) {
      if (stage === 'checkpointed') storage.sqlite.pragma('wal_checkpoint(TRUNCATE)');
      const bytes = Buffer.concat(files());
      expect(bytes.includes(Buffer.from(control)), `${stage}: control value found`).toBe(true);
      for (const needle of needles) expect(bytes.includes(needle), `${stage}: secret material found`).toBe(false);
    }
  });

  it('refuses a ciphertext, IV or tag that was changed', async () => {
    const { storage, provider } = setup();
    const store = createSecretStore(storage.db, provider);
    const id = await store.put({ apiSecret: planted() });
    const row = storage.db.select().from(secrets).where(eq(secrets.id, id)).get();
    if (!row) throw new Error('row missing');

    const flip = (b64: string) => {
      const bytes = Buffer.from(b64, 'base64');
      bytes[0] = (bytes[0] ?? 0) ^ 0x01;
      return bytes.toString('base64');
    };
    const variants = [
      { ciphertext: flip(row.ciphertext) },
      { iv: flip(row.iv) },
      { authTag: flip(row.authTag) },
      { authTag: Buffer.from(row.authTag, 'base64').subarray(0, 12).toString('base64') },
    ];
    for (const change of variants) {
      storage.db
        .update(secrets)
        .set({ ...row, ...change })
        .where(eq(secrets.id, id))
        .run();
      const error = await store.get(id).catch((e: unknown) => e);
      expect(error, JSON.stringify(Object.keys(change))).toBeInstanceOf(SecretIntegrityError);
      expect((error as SecretIntegrityError).message).toBe(
        `The stored secret ${id} failed its integrity check: it was changed, or copied from another row; re-enter the credentials.`,
      );
    }
  });

  it('refuses a ciphertext moved to another row (the id is authenticated)', async () => {
    const { storage, provider } = setup();
    const store = createSecretStore(storage.db, provider);
    const victim = await store.put({ apiSecret: 'exchange A' });
    const attacker = await store.put({ apiSecret: 'exchange B' });
    const row = storage.db.select().from(secrets).where(eq(secrets.id, attacker)).get();
    if (!row) throw new Error('row missing');
    storage.db.update(secrets).set({ iv: row.iv, ciphertext: row.ciphertext, authTag: row.authTag }).where(eq(secrets.id, victim)).run();
    await expect(store.get(victim)).rejects.toThrow(SecretIntegrityError);
    expect((await store.get(attacker)).apiSecret).toBe('exchange B');
  });

  it('names the other key when a secret was sealed with a different one', async () => {
    const { storage, provider } = setup();
    const id = await createSecretStore(storage.db, provider).put({ apiSecret: planted() });
    const sealedWith = (await provider.load()).keyId;
    const { dir: otherDir, cleanup } = tempDataDir();
    cleanups.push(cleanup);
    const other = createSecretStore(storage.db, new FileKeyProvider(otherDir));

    const error = await other.get(id).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SecretKeyMismatchError);
    expect((error as SecretKeyMismatchError).message).toBe(
      `This secret was sealed with another key (${sealedWith}); restore that key file or re-enter the credentials.`,
    );
  });

  it('returns a value that prints as *** in logs and JSON', async () => {
    const { storage, provider } = setup();
    const store = createSecretStore(storage.db, provider);
    const value = planted();
    const secret = await store.get(await store.put({ apiSecret: value }));
    expect(secret.apiSecret).toBe(value);
    expect(inspect(secret)).toBe('***');
    expect(JSON.stringify({ credentials: secret })).toBe('{"credentials":"***"}');
    expect(`${secret}`).toBe('***');
  });

  it('accepts only flat text fields, naming the bad field but not its value', async () => {
    const { storage, provider } = setup();
    const store = createSecretStore(storage.db, provider);
    const error = await store.put({ apiKey: 'ok', pin: 1234 as unknown as string, toJSON: 'x' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues).toEqual([
      { path: 'pin', message: 'Expected text' },
      { path: 'toJSON', message: 'This field name is not allowed' },
    ]);
    expect(JSON.stringify(error)).not.toContain('1234');
  });

  it('loads the key once, and again after a failed load', async () => {
    const { storage, dir } = setup();
    const file = new FileKeyProvider(dir);
    let calls = 0;
    let failNext = true;
    const flaky: KeyProvider = {
      kind: 'file',
      description: 'test key',
      load: async () => {
        calls += 1;
        if (failNext) {
          failNext = false;
          throw new Error('keyring locked');
        }
        return file.load();
      },
    };
    const store = createSecretStore(storage.db, flaky);
    await expect(store.put({ a: 'b' })).rejects.toThrow('keyring locked');
    const id = await store.put({ a: 'b' });
    await store.get(id);
    await store.replace(id, { a: 'c' });
    expect(calls).toBe(2);
  });
});
