import type { ConsentView, DocumentView } from '@omnifolio/shared/api';
import { describe, expect, it } from 'vitest';
import { CompanionUnreachableError } from '../lib/companion-error';
import type { StatementsClient } from '../lib/statements-client';
import { handleCaptureRequest } from './handle-capture-request';

const HASH = 'a'.repeat(64);

/** The companion's statement routes, in memory: consents and what was uploaded. */
function companion(consents: ConsentView[] = []) {
  const uploads: unknown[] = [];
  const client: StatementsClient = {
    documents: async () => [],
    consents: async (providerId) => consents.filter((c) => c.providerId === providerId),
    grantConsent: async (providerId, textSha256) => {
      const consent = { id: `c${consents.length + 1}`, providerId, textSha256, grantedAt: '2026-11-22T10:00:00Z', revokedAt: null };
      consents.push(consent);
      return consent;
    },
    revokeConsent: async () => {
      throw new Error('not used');
    },
    uploadDocument: async (document) => {
      uploads.push(document);
      return { id: 'd1', status: 'unrecognized' } as DocumentView;
    },
  };
  return { client, uploads };
}

const upload = {
  type: 'omnifolio/capture/upload',
  providerId: 'swissborg',
  textSha256: HASH,
  origin: 'https://app.swissborg.com/profile/account-statement',
  document: { filename: 'a.csv', mediaType: 'text/csv', contentBase64: 'YQ==' },
} as const;

describe('handleCaptureRequest (the background worker’s gate)', () => {
  it('forwards an upload from the provider’s own site once the consent to that exact text is recorded', async () => {
    const { client, uploads } = companion([{ id: 'c1', providerId: 'swissborg', textSha256: HASH, grantedAt: 'x', revokedAt: null }]);
    const reply = await handleCaptureRequest(upload, { client, senderUrl: 'https://app.swissborg.com/profile/account-statement', addedHosts: {} });
    expect(reply.ok).toBe(true);
    expect(uploads).toEqual([{ ...upload.document, providerId: 'swissborg', origin: upload.origin }]);
  });

  it('refuses an upload without consent, with a revoked consent, or with consent to other words', async () => {
    for (const consents of [
      [],
      [{ id: 'c1', providerId: 'swissborg', textSha256: HASH, grantedAt: 'x', revokedAt: 'y' }],
      [{ id: 'c1', providerId: 'swissborg', textSha256: 'b'.repeat(64), grantedAt: 'x', revokedAt: null }],
    ]) {
      const { client, uploads } = companion(consents);
      const reply = await handleCaptureRequest(upload, { client, senderUrl: 'https://app.swissborg.com/x', addedHosts: {} });
      expect(reply).toMatchObject({ ok: false, problem: { code: 'consent_required' } });
      expect(uploads).toEqual([]);
    }
  });

  it('refuses a message from another site, or from no tab, naming the hosts it runs on', async () => {
    const { client } = companion();
    expect(await handleCaptureRequest(upload, { client, senderUrl: 'https://evil.example/', addedHosts: {} })).toMatchObject({
      ok: false,
      problem: { code: 'capture_wrong_site', message: 'Capture for SwissBorg only runs on app.swissborg.com, not on evil.example.' },
    });
    expect(await handleCaptureRequest(upload, { client, senderUrl: null, addedHosts: {} })).toMatchObject({
      ok: false,
      problem: { code: 'capture_wrong_site' },
    });
  });

  it('accepts a hostname the person added for the provider', async () => {
    const { client } = companion();
    const reply = await handleCaptureRequest(
      { type: 'omnifolio/capture/consent-status', providerId: 'swissborg', textSha256: HASH },
      { client, senderUrl: 'https://web.swissborg.com/', addedHosts: { swissborg: ['web.swissborg.com'] } },
    );
    expect(reply).toEqual({ ok: true, value: { consented: false } });
  });

  it('says what to do when not paired or when the companion is down', async () => {
    const ctx = { senderUrl: 'https://app.swissborg.com/', addedHosts: {} };
    expect(await handleCaptureRequest(upload, { ...ctx, client: null })).toMatchObject({ ok: false, problem: { code: 'not_paired' } });
    const down = companion().client;
    down.consents = async () => {
      throw new CompanionUnreachableError('http://127.0.0.1:47821');
    };
    expect(await handleCaptureRequest(upload, { ...ctx, client: down })).toMatchObject({
      ok: false,
      problem: { code: 'companion_unreachable', message: 'The Omnifolio companion is not running at http://127.0.0.1:47821.' },
    });
  });
});

describe('provider ids towards the companion', () => {
  it('files frankly’s documents and consent under the companion’s Zürcher Kantonalbank parser id', async () => {
    const { client, uploads } = companion();
    const ctx = { client, senderUrl: 'https://app.frankly.ch/briefkasten', addedHosts: {} };
    const granted = await handleCaptureRequest({ type: 'omnifolio/capture/grant-consent', providerId: 'frankly', textSha256: HASH }, ctx);
    expect(granted).toMatchObject({ ok: true, value: { providerId: 'frankly-zkb' } });
    await handleCaptureRequest({ ...upload, providerId: 'frankly', origin: 'https://app.frankly.ch/briefkasten' }, ctx);
    expect(uploads).toEqual([{ ...upload.document, providerId: 'frankly-zkb', origin: 'https://app.frankly.ch/briefkasten' }]);
  });
});
