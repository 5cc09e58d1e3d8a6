import { sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

/** API tokens issued by pairing or `omnifolio token`. Only a SHA-256 of the token is kept. */
export const apiTokens = sqliteTable(
  'api_tokens',
  {
    id: text('id').primaryKey(),
    label: text('label').notNull(),
    tokenSha256: text('token_sha256').notNull(),
    /** `extension`, `cli` or `web` (a session from the one-time URL). */
    kind: text('kind', { enum: ['extension', 'cli', 'web'] }).notNull(),
    /** For extension tokens: the extension origin allowed by CORS. */
    origin: text('origin'),
    createdAt: text('created_at').notNull(),
    lastUsedAt: text('last_used_at'),
    revokedAt: text('revoked_at'),
  },
  (t) => [uniqueIndex('api_tokens_sha').on(t.tokenSha256)],
);
