import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DocumentView } from '@omnifolio/shared/api';
import { ImapFlow } from 'imapflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildStatementPdf } from '../../src/ingest/parsers/pdf/statement-pdf.js';
import { type DovecotServer, startDovecot } from '../support/dovecot-server.js';
import { createTestCompanion, type TestCompanion } from '../support/test-companion.js';

const fixture = (p: string) => readFileSync(join(import.meta.dirname, '../fixtures', p));

/** A multipart/mixed mail with base64 attachments, as a bank's mailer sends it. */
function mail(opts: { messageId: string; from: string; subject: string; attachments: { filename: string; type: string; bytes: Uint8Array }[] }): string {
  const boundary = `b${randomBytes(8).toString('hex')}`;
  const parts = [
    `--${boundary}\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nYour statement is attached.\r\n`,
    ...opts.attachments.map(
      (a) =>
        `--${boundary}\r\nContent-Type: ${a.type}; name="${a.filename}"\r\nContent-Disposition: attachment; filename="${a.filename}"\r\nContent-Transfer-Encoding: base64\r\n\r\n${Buffer.from(a.bytes).toString('base64').replace(/.{76}/g, '$&\r\n')}\r\n`,
    ),
  ];
  return [
    `From: ${opts.from}`,
    'To: me@example.test',
    `Subject: ${opts.subject}`,
    `Message-ID: ${opts.messageId}`,
    'Date: Mon, 01 Jan 2024 10:00:00 +0100',
    'MIME-Version: 1.0',
    `Content-Type: multipart/mixed; boundary="${boundary}"`,
    '',
    `${parts.join('')}--${boundary}--\r\n`,
  ].join('\r\n');
}

/**
 * IMAP ingestion against a real Dovecot: a PDF statement, a CSV, garbage, a repeated mail,
 * and one that matches no rule. Mail is marked with a keyword, never deleted.
 */
describe('IMAP mailbox → documents (real Dovecot)', () => {
  let dovecot: DovecotServer;
  let t: TestCompanion;
  let token: string;
  let imap: ImapFlow;
  const call = async <T>(path: string, init: { method?: string; body?: unknown } = {}) => {
    const res = await t.request(path, {
      method: init.method ?? 'GET',
      headers: { authorization: `Bearer ${token}`, ...(init.body ? { 'content-type': 'application/json' } : {}) },
      ...(init.body ? { body: JSON.stringify(init.body) } : {}),
    });
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : null) as T, text };
  };

  beforeAll(async () => {
    dovecot = await startDovecot();
    t = await createTestCompanion();
    token = await t.pair();
    imap = new ImapFlow({ host: dovecot.host, port: dovecot.port, secure: false, auth: { user: dovecot.user, pass: dovecot.password }, logger: false });
    await imap.connect();
    const pdf = await buildStatementPdf([fixture('frankly-zkb/Kauf05.txt').toString('utf8').split(/\r?\n/).slice(3)]);
    const csv = fixture('finpension/finpension-3a-export.csv');
    const finpensionMail = mail({
      messageId: '<report-1@finpension.ch>',
      from: 'Finpension <noreply@finpension.ch>',
      subject: 'Transaction report',
      attachments: [{ filename: 'transactions.csv', type: 'text/csv', bytes: csv }],
    });
    for (const raw of [
      mail({
        messageId: '<advice-1@zkb.ch>',
        from: 'frankly <noreply@zkb.ch>',
        subject: 'Ihre Abrechnung',
        attachments: [{ filename: 'Abrechnung.pdf', type: 'application/pdf', bytes: pdf }],
      }),
      finpensionMail,
      mail({
        messageId: '<report-2@finpension.ch>',
        from: 'Finpension <noreply@finpension.ch>',
        subject: 'Transaction report',
        attachments: [{ filename: 'report.bin', type: 'application/octet-stream', bytes: randomBytes(2048) }],
      }),
      finpensionMail,
      mail({
        messageId: '<news@shop.example>',
        from: 'Shop <news@shop.example>',
        subject: 'Sale!',
        attachments: [{ filename: 'flyer.pdf', type: 'application/pdf', bytes: pdf }],
      }),
    ]) {
      await imap.append('INBOX', raw);
    }
  }, 30_000);

  afterAll(async () => {
    await imap?.logout().catch(() => undefined);
    await t?.close();
    await dovecot?.stop();
  });

  let mailboxId: string;
  it('adds a mailbox with its app password sealed, not echoed', async () => {
    const res = await call<{ id: string; settings: Record<string, unknown> }>('/api/mailboxes', {
      method: 'POST',
      body: {
        host: dovecot.host,
        port: dovecot.port,
        tls: false,
        user: dovecot.user,
        password: dovecot.password,
        rules: [
          { from: 'zkb.ch', providerId: 'frankly-zkb' },
          { from: 'finpension.ch', subject: 'transaction report' },
        ],
      },
    });
    expect(res.status).toBe(201);
    expect(res.text).not.toContain(dovecot.password);
    mailboxId = res.body.id;
    const row = t.core.storage.sqlite.prepare('SELECT settings FROM connections WHERE id = ?').get(mailboxId) as { settings: string };
    expect(row.settings).not.toContain(dovecot.password);
  });

  it('takes the statement attachments of matching mail into the pipeline, once', async () => {
    const res = await call(`/api/mailboxes/${mailboxId}/poll`, { method: 'POST' });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ examined: 5, taken: 3, documents: 3, duplicates: 0, repeated: 1 });
    const docs = (await call<DocumentView[]>('/api/documents')).body;
    const byName = new Map(docs.map((d) => [d.filename, d]));
    expect(docs.every((d) => d.source === 'imap')).toBe(true);
    expect(byName.get('Abrechnung.pdf')).toMatchObject({ status: 'parsed', parserId: 'frankly-zkb', summary: { activities: 1, statementDate: '2023-12-28' } });
    expect(byName.get('transactions.csv')).toMatchObject({ status: 'parsed', parserId: 'finpension', summary: { activities: 26 } });
    expect(byName.get('report.bin')).toMatchObject({ status: 'unrecognized' });
    const dedupe = t.core.storage.sqlite.prepare('SELECT message_id AS id FROM mail_messages ORDER BY message_id').all();
    expect(dedupe).toEqual([{ id: '<advice-1@zkb.ch>' }, { id: '<report-1@finpension.ch>' }, { id: '<report-2@finpension.ch>' }]);
  });

  it('marks processed mail with a keyword, leaves other mail alone, deletes nothing', async () => {
    const lock = await imap.getMailboxLock('INBOX');
    try {
      const all = (await imap.search({ all: true }, { uid: true })) || [];
      expect(all).toHaveLength(5);
      const marked = (await imap.search({ keyword: '$OmnifolioProcessed' }, { uid: true })) || [];
      expect(marked).toEqual(all.slice(0, 4));
      const unseen = (await imap.search({ seen: false }, { uid: true })) || [];
      expect(unseen).toEqual(all);
    } finally {
      lock.release();
    }
  });

  it('a second poll takes nothing again', async () => {
    const res = await call(`/api/mailboxes/${mailboxId}/poll`, { method: 'POST' });
    expect(res.body).toEqual({ examined: 1, taken: 0, documents: 0, duplicates: 0, repeated: 0 });
  });

  it('reports a wrong password as an authentication error on the mailbox', async () => {
    const added = await call<{ id: string }>('/api/mailboxes', {
      method: 'POST',
      body: { host: dovecot.host, port: dovecot.port, tls: false, user: dovecot.user, password: 'wrong-password' },
    });
    const res = await call<{ code: string; message: string }>(`/api/mailboxes/${added.body.id}/poll`, { method: 'POST' });
    // Not 401: that status means "your companion token is invalid" to the extension.
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ code: 'auth_failed', message: expect.stringMatching(/refused the login/) });
    const mailboxes = (await call<{ id: string; status: string }[]>('/api/mailboxes')).body;
    expect(mailboxes.find((m) => m.id === added.body.id)?.status).toBe('error');
  });
});
