import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/**
 * AES-256-GCM ciphertexts of credentials. `keyId` names the key that sealed it (file,
 * passphrase, keyring) so a key change can be detected rather than producing garbage.
 */
export const secrets = sqliteTable('secrets', {
  id: text('id').primaryKey(),
  keyId: text('key_id').notNull(),
  version: integer('version').notNull().default(1),
  iv: text('iv').notNull(),
  ciphertext: text('ciphertext').notNull(),
  authTag: text('auth_tag').notNull(),
  createdAt: text('created_at').notNull(),
});
