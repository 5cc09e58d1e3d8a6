import type { ConsentView } from '@omnifolio/shared/api';
import { NotFoundError } from '@omnifolio/shared/errors';
import { and, desc, eq } from 'drizzle-orm';
import { type Clock, isoNow } from '../storage/clock.js';
import type { Db } from '../storage/database.js';
import { newId } from '../storage/repositories/ids.js';
import { auditLog, consents } from '../storage/schema/index.js';

type ConsentRow = typeof consents.$inferSelect;

const toConsentView = (row: ConsentRow): ConsentView => ({
  id: row.id,
  providerId: row.providerId,
  textSha256: row.textSha256,
  grantedAt: row.grantedAt,
  revokedAt: row.revokedAt,
});

/**
 * What the user agreed to before the extension captures from a provider's pages: the
 * provider, the SHA-256 of the exact text shown, and when. Granting and revoking are
 * security events and go to the audit log. Revoking keeps the row (the record of what was
 * agreed stays); a revoked consent no longer counts.
 */
export function createConsentService(db: Db, clock?: Clock) {
  const audit = (event: 'consent.granted' | 'consent.revoked', row: ConsentRow, at: string) =>
    db
      .insert(auditLog)
      .values({ at, event, subject: row.providerId, detail: { consentId: row.id, textSha256: row.textSha256 } })
      .run();

  return {
    /** Newest first; all providers when none is named. */
    list(providerId?: string): ConsentView[] {
      const q = db.select().from(consents);
      return (providerId ? q.where(eq(consents.providerId, providerId)) : q).orderBy(desc(consents.grantedAt)).all().map(toConsentView);
    },

    /** Records a consent; the same text already agreed to (and not revoked) is returned as is. */
    grant(input: { providerId: string; textSha256: string }): { consent: ConsentView; created: boolean } {
      const existing = db
        .select()
        .from(consents)
        .where(and(eq(consents.providerId, input.providerId), eq(consents.textSha256, input.textSha256)))
        .all()
        .find((c) => c.revokedAt === null);
      if (existing) return { consent: toConsentView(existing), created: false };
      const at = isoNow(clock);
      const row: ConsentRow = { id: newId(), providerId: input.providerId, textSha256: input.textSha256, grantedAt: at, revokedAt: null };
      db.transaction((tx) => {
        tx.insert(consents).values(row).run();
      });
      audit('consent.granted', row, at);
      return { consent: toConsentView(row), created: true };
    },

    revoke(id: string): ConsentView {
      const row = db.select().from(consents).where(eq(consents.id, id)).get();
      if (!row) throw new NotFoundError(`There is no consent with id ${id}.`, { hints: ['List consents with GET /api/consents.'] });
      if (row.revokedAt) return toConsentView(row);
      const at = isoNow(clock);
      db.update(consents).set({ revokedAt: at }).where(eq(consents.id, id)).run();
      audit('consent.revoked', row, at);
      return toConsentView({ ...row, revokedAt: at });
    },
  };
}

export type ConsentService = ReturnType<typeof createConsentService>;
