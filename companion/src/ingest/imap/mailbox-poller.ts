import { createHash } from 'node:crypto';
import { AuthError, UnavailableError } from '@omnifolio/shared/errors';
import { and, eq } from 'drizzle-orm';
import type { Logger } from '../../logging/logger.js';
import { type Clock, isoNow } from '../../storage/clock.js';
import type { Db } from '../../storage/database.js';
import { mailMessages } from '../../storage/schema/index.js';
import type { DocumentService } from '../document-service.js';
import { type MailboxSettings, matchRule, PROCESSED_KEYWORD } from './mailbox-settings.js';

export interface PollMailboxParameters {
  connectionId: string;
  settings: MailboxSettings;
  password: string;
  db: Db;
  documents: DocumentService;
  log: Logger;
  clock?: Clock;
  signal?: AbortSignal;
}

export interface PollMailboxReturnType {
  /** Messages looked at (not yet carrying the processed keyword). */
  examined: number;
  /** Messages that matched a rule and were taken. */
  taken: number;
  /** Attachments stored as new documents. */
  documents: number;
  /** Attachments whose bytes were already stored (the same statement mailed twice). */
  duplicates: number;
  /** Messages skipped because their Message-ID was taken before (a copy of a taken mail). */
  repeated: number;
}

/** Inline images (logos, signatures) are not statements. */
const isStatementCandidate = (a: { contentType: string; contentDisposition?: string }) =>
  !(a.contentType.startsWith('image/') && a.contentDisposition !== 'attachment');

/**
 * One pass over a mailbox folder: messages without our keyword whose sender/subject match a
 * rule are downloaded, their attachments go into the documents pipeline (source `imap`,
 * origin = Message-ID), each (Message-ID, attachment hash) is recorded so a message or a
 * copy of it is never taken twice, and the message gets the keyword. Nothing is deleted,
 * moved or marked read. imapflow and mailparser load lazily, only when a mailbox is polled.
 */
export async function pollMailbox(params: PollMailboxParameters): Promise<PollMailboxReturnType> {
  const { ImapFlow } = await import('imapflow');
  const { simpleParser } = await import('mailparser');
  const { settings, db, log } = params;
  const client = new ImapFlow({
    host: settings.host,
    port: settings.port,
    secure: settings.tls,
    auth: { user: settings.user, pass: params.password },
    logger: false,
    // Never upgrade silently to plaintext: a TLS mailbox that refuses TLS is an error.
    doSTARTTLS: settings.tls ? undefined : false,
  });
  const result: PollMailboxReturnType = { examined: 0, taken: 0, documents: 0, duplicates: 0, repeated: 0 };
  try {
    await client.connect();
  } catch (error) {
    const e = error as { authenticationFailed?: boolean; code?: string; message?: string };
    if (e.authenticationFailed) {
      throw new AuthError(`The mail server ${settings.host} refused the login for ${settings.user}.`, {
        hints: ['Check the user name and app password; many providers need an app password for IMAP.'],
        cause: error,
      });
    }
    throw new UnavailableError(`Cannot reach the mail server ${settings.host}:${settings.port} (${e.code ?? e.message ?? 'connection failed'}).`, {
      hints: ['Check host, port and TLS, and that this computer is online.'],
      cause: error,
    });
  }
  try {
    const lock = await client.getMailboxLock(settings.folder);
    try {
      const uids = (await client.search({ unKeyword: PROCESSED_KEYWORD }, { uid: true })) || [];
      for (const uid of uids) {
        if (params.signal?.aborted) break;
        result.examined++;
        const head = await client.fetchOne(String(uid), { envelope: true }, { uid: true });
        // fetchOne answers `false` for a message expunged meanwhile.
        if (head === false || !head.envelope) continue;
        const from = (head.envelope.from ?? []).map((a) => `${a.name ?? ''} <${a.address ?? ''}>`).join(', ');
        const subject = head.envelope.subject ?? '';
        const rule = matchRule(settings.rules, { from, subject });
        // Mail that matches no rule is not ours: left untouched, not even marked.
        if (!rule) continue;
        const messageId = head.envelope.messageId ?? `uid:${uid}`;
        const seen = db
          .select({ id: mailMessages.messageId })
          .from(mailMessages)
          .where(and(eq(mailMessages.connectionId, params.connectionId), eq(mailMessages.messageId, messageId)))
          .get();
        if (seen) {
          result.repeated++;
          await client.messageFlagsAdd(String(uid), [PROCESSED_KEYWORD], { uid: true });
          continue;
        }
        const full = await client.fetchOne(String(uid), { source: true }, { uid: true });
        if (full === false || !full.source) continue;
        const mail = await simpleParser(full.source);
        result.taken++;
        const records: (typeof mailMessages.$inferInsert)[] = [];
        for (const attachment of mail.attachments.filter(isStatementCandidate)) {
          const bytes = new Uint8Array(attachment.content);
          const sha256 = createHash('sha256').update(bytes).digest('hex');
          try {
            const { document, duplicate } = await params.documents.ingest({
              filename: attachment.filename ?? `attachment-${sha256.slice(0, 8)}`,
              mediaType: attachment.contentType,
              bytes,
              source: 'imap',
              providerId: rule.providerId,
              origin: messageId,
            });
            if (duplicate) result.duplicates++;
            else result.documents++;
            records.push({
              connectionId: params.connectionId,
              messageId,
              attachmentSha256: sha256,
              documentId: document.id,
              processedAt: isoNow(params.clock),
            });
          } catch (error) {
            // An attachment the pipeline refuses (empty, too large) is recorded without a
            // document, so the message is still marked and the reason is in the log.
            log.warn({ err: error, messageId, attachment: attachment.filename }, 'mail attachment refused');
            records.push({ connectionId: params.connectionId, messageId, attachmentSha256: sha256, documentId: null, processedAt: isoNow(params.clock) });
          }
        }
        if (records.length === 0)
          records.push({ connectionId: params.connectionId, messageId, attachmentSha256: '', documentId: null, processedAt: isoNow(params.clock) });
        for (const r of records) db.insert(mailMessages).values(r).onConflictDoNothing().run();
        await client.messageFlagsAdd(String(uid), [PROCESSED_KEYWORD], { uid: true });
      }
    } finally {
      lock.release();
    }
  } finally {
    await client.logout().catch(() => client.close());
  }
  log.info({ connection: params.connectionId, ...result }, 'mailbox polled');
  return result;
}
