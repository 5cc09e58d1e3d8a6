import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { and, asc, eq, isNull } from 'drizzle-orm';
import { type Clock, isoNow } from '../clock.js';
import type { Db } from '../database.js';
import { apiTokens } from '../schema/index.js';
import { newId } from './ids.js';

export type ApiTokenRow = typeof apiTokens.$inferSelect;
export type TokenKind = ApiTokenRow['kind'];

const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

/**
 * API tokens. The token itself is shown once and never stored: only its SHA-256 is kept, so
 * a copy of the database does not let anyone call the API.
 */
export function createApiTokensRepository(db: Db, clock?: Clock) {
  return {
    issue(input: { label: string; kind: TokenKind; origin?: string | null }): { token: string; row: ApiTokenRow } {
      const token = `omf_${randomBytes(32).toString('base64url')}`;
      const row = { id: newId(), label: input.label, kind: input.kind, origin: input.origin ?? null, tokenSha256: sha256(token), createdAt: isoNow(clock) };
      db.insert(apiTokens).values(row).run();
      return { token, row: this.get(row.id) };
    },

    get(id: string): ApiTokenRow {
      const row = db.select().from(apiTokens).where(eq(apiTokens.id, id)).get();
      if (!row) throw new Error(`token ${id} vanished`);
      return row;
    },

    /** Finds the live token matching `token`, comparing hashes in constant time. */
    verify(token: string): ApiTokenRow | undefined {
      const digest = sha256(token);
      const row = db
        .select()
        .from(apiTokens)
        .where(and(eq(apiTokens.tokenSha256, digest), isNull(apiTokens.revokedAt)))
        .get();
      if (!row) return undefined;
      if (!timingSafeEqual(Buffer.from(row.tokenSha256, 'hex'), Buffer.from(digest, 'hex'))) return undefined;
      return row;
    },

    touch(id: string): void {
      db.update(apiTokens)
        .set({ lastUsedAt: isoNow(clock) })
        .where(eq(apiTokens.id, id))
        .run();
    },

    list(): ApiTokenRow[] {
      return db.select().from(apiTokens).orderBy(asc(apiTokens.createdAt)).all();
    },

    revoke(id: string): boolean {
      return (
        db
          .update(apiTokens)
          .set({ revokedAt: isoNow(clock) })
          .where(and(eq(apiTokens.id, id), isNull(apiTokens.revokedAt)))
          .run().changes > 0
      );
    },

    /** Origins of live extension tokens: the only foreign origins CORS lets through. */
    liveOrigins(): Set<string> {
      const rows = db.select({ origin: apiTokens.origin }).from(apiTokens).where(isNull(apiTokens.revokedAt)).all();
      return new Set(rows.map((r) => r.origin).filter((o): o is string => !!o));
    },

    hasLiveExtensionToken(): boolean {
      return !!db
        .select({ id: apiTokens.id })
        .from(apiTokens)
        .where(and(eq(apiTokens.kind, 'extension'), isNull(apiTokens.revokedAt)))
        .get();
    },
  };
}

export type ApiTokensRepository = ReturnType<typeof createApiTokensRepository>;
