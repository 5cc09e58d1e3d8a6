import { uploadDocumentRequest } from '@omnifolio/shared/api';
import { ValidationError } from '@omnifolio/shared/errors';
import { Hono } from 'hono';
import type { AppDeps } from '../deps.js';
import { validate } from '../validate.js';

/** Strict base64: Buffer.from silently skips bad characters, which would store a corrupt file. */
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

function decodeBase64(content: string): Uint8Array {
  const compact = content.replace(/\s+/g, '');
  if (!BASE64.test(compact) || compact.length % 4 === 1) {
    throw new ValidationError('contentBase64: not valid base64.', [{ path: 'contentBase64', message: 'expected the file bytes as standard base64' }], {
      hints: ['Send the file as standard base64 (A–Z, a–z, 0–9, +, /, = padding), without a data: prefix.'],
    });
  }
  return new Uint8Array(Buffer.from(compact, 'base64'));
}

export const documentRoutes = (deps: AppDeps) =>
  new Hono()
    .get('/', (c) => c.json(deps.documents.list()))
    .get('/:id', (c) => c.json(deps.documents.get(c.req.param('id'))))
    .post('/', validate('json', uploadDocumentRequest), async (c) => {
      const body = c.req.valid('json');
      const { document, duplicate } = await deps.documents.ingest({
        filename: body.filename,
        mediaType: body.mediaType,
        bytes: decodeBase64(body.contentBase64),
        source: body.source,
        providerId: body.providerId,
        origin: body.origin,
      });
      return c.json(document, duplicate ? 200 : 201);
    })
    .post('/:id/reprocess', async (c) => c.json(await deps.documents.reprocess(c.req.param('id'))));
