import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DovecotServer, startDovecot } from '../../../test/support/dovecot-server.js';
import { createTestCompanion, type TestCompanion } from '../../../test/support/test-companion.js';

const CSV = `Date;Category;"Asset Name";ISIN;"Number of Shares";"Asset Currency";"Currency Rate";"Asset Price in CHF";"Cash Flow";Balance
2024-01-10;Deposit;;;;CHF;1.000000;;500.000000;500.000000
`;

describe('mailbox watcher (IDLE, real Dovecot)', () => {
  let dovecot: DovecotServer;
  let t: TestCompanion;

  beforeAll(async () => {
    dovecot = await startDovecot();
    t = await createTestCompanion();
  }, 30_000);
  afterAll(async () => {
    await t?.close();
    await dovecot?.stop();
  });

  it('takes mail that arrives while it watches, without waiting for the timer', async () => {
    const mailbox = await t.core.mailboxes.create({
      host: dovecot.host,
      port: dovecot.port,
      tls: false,
      user: dovecot.user,
      password: dovecot.password,
      folder: 'INBOX',
      rules: [],
    });
    expect(t.core.mailboxes.list()).toHaveLength(1);
    // The poll timer is 15 minutes away: only the IDLE notification can bring the mail in.
    await t.core.mailboxWatcher.start();
    expect(t.core.documents.list()).toHaveLength(0);

    const { ImapFlow } = await import('imapflow');
    const sender = new ImapFlow({ host: dovecot.host, port: dovecot.port, secure: false, auth: { user: dovecot.user, pass: dovecot.password }, logger: false });
    await sender.connect();
    await sender.append(
      'INBOX',
      `From: noreply@finpension.ch\r\nSubject: Report\r\nMessage-ID: <idle-1@finpension.ch>\r\nMIME-Version: 1.0\r\nContent-Type: text/csv; name="report.csv"\r\nContent-Disposition: attachment; filename="report.csv"\r\n\r\n${CSV.replace(/\n/g, '\r\n')}`,
    );
    await sender.logout();

    const deadline = Date.now() + 8_000;
    while (t.core.documents.list().length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    const docs = t.core.documents.list();
    expect(docs).toHaveLength(1);
    expect(docs[0]).toMatchObject({ source: 'imap', filename: 'report.csv', status: 'parsed', parserId: 'finpension' });
    expect(mailbox.id).toBeTruthy();
  }, 30_000);
});
