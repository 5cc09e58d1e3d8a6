import { sqliteTable, text } from 'drizzle-orm/sqlite-core';

/** What the user agreed to before automated capture: provider, the text's hash, when. */
export const consents = sqliteTable('consents', {
  id: text('id').primaryKey(),
  providerId: text('provider_id').notNull(),
  textSha256: text('text_sha256').notNull(),
  grantedAt: text('granted_at').notNull(),
  revokedAt: text('revoked_at'),
});
