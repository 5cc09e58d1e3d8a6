import { desc } from 'drizzle-orm';
import { type Clock, isoNow } from '../clock.js';
import type { Db } from '../database.js';
import { auditLog } from '../schema/index.js';

export type AuditEvent =
  | 'pairing.code_issued'
  | 'pairing.succeeded'
  | 'pairing.failed'
  | 'token.issued'
  | 'token.revoked'
  | 'session.opened'
  | 'connection.added'
  | 'connection.removed'
  | 'credentials.refused'
  /** A provider sign-in renewed (Schwab's weekly re-authorization); the tokens are never recorded. */
  | 'credentials.renewed'
  | 'demo.created'
  | 'demo.removed';

/** Security-relevant events. `detail` must never carry a secret; callers pass ids and labels. */
export function createAuditLogRepository(db: Db, clock?: Clock) {
  return {
    record(event: AuditEvent, subject: string | null = null, detail: Record<string, unknown> | null = null): void {
      db.insert(auditLog)
        .values({ at: isoNow(clock), event, subject, detail })
        .run();
    },
    list(limit = 100) {
      return db.select().from(auditLog).orderBy(desc(auditLog.id)).limit(limit).all();
    },
  };
}

export type AuditLogRepository = ReturnType<typeof createAuditLogRepository>;
