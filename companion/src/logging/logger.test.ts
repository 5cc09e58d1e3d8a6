import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { revealSecret } from '../secrets/revealed-secret.js';
import { createLogger, registerSecret } from './logger.js';

function capture() {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk, _enc, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  return { log: createLogger({ level: 'debug', destination }), text: () => lines.join('') };
}

describe('logger redaction', () => {
  it('blanks credential fields at any depth', () => {
    const { log, text } = capture();
    log.info(
      { connection: { credentials: { apiKey: 'AKIA-0123456789' } }, apiSecret: 'sek-0123456789', headers: { authorization: 'Bearer omf_abcdefgh' } },
      'x',
    );
    expect(text()).not.toMatch(/AKIA-0123456789|sek-0123456789|omf_abcdefgh/);
  });

  it('shows decrypted secrets as *** however deeply they nest', () => {
    const { log, text } = capture();
    const secret = revealSecret({ secret: 'deeply-nested-value-42' });
    log.info({ ctx: { conn: secret } }, 'x');
    expect(text()).not.toContain('deeply-nested-value-42');
  });

  it('scrubs signed URLs and live secrets from messages and errors', () => {
    const { log, text } = capture();
    const dispose = registerSecret('live-secret-value-99');
    log.warn(
      { err: new Error('GET https://api.binance.com/api/v3/account?timestamp=1&signature=deadbeef failed for live-secret-value-99') },
      'sync failed: %s',
      'live-secret-value-99',
    );
    dispose();
    expect(text()).not.toMatch(/deadbeef|live-secret-value-99/);
    expect(text()).toContain('signature=***');
  });

  it('keeps redacting a secret until every holder has let it go', () => {
    const { log, text } = capture();
    const first = registerSecret('shared-key-of-two-syncs');
    const second = registerSecret('shared-key-of-two-syncs');
    first();
    log.info('still held: shared-key-of-two-syncs');
    second();
    expect(text()).not.toContain('shared-key-of-two-syncs');
  });
});
