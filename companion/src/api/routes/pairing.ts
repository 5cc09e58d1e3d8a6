import { pairRequest } from '@omnifolio/shared/api';
import { UnauthorizedError } from '@omnifolio/shared/errors';
import { Hono } from 'hono';
import type { AppDeps } from '../deps.js';
import { validate } from '../validate.js';

/** Exchanges the one-time code shown by the companion for an API token. */
export const pairingRoutes = (deps: AppDeps) =>
  new Hono().post('/', validate('json', pairRequest), (c) => {
    const { code, label } = c.req.valid('json');
    const outcome = deps.pairing.redeem(code);
    if (outcome !== 'ok') {
      deps.audit.record('pairing.failed', null, { outcome });
      throw new UnauthorizedError(outcome === 'expired' ? 'That pairing code has expired.' : 'That pairing code is not right.', {
        hints: ['Use the code the companion printed last, or get a new one with `pnpm omnifolio pair`.'],
      });
    }
    const origin = c.req.header('origin') ?? null;
    const { token, row } = deps.tokens.issue({ label, kind: 'extension', origin });
    deps.audit.record('pairing.succeeded', row.id, { label, origin });
    deps.log.info({ tokenId: row.id, origin }, 'extension paired');
    return c.json({ token, tokenId: row.id }, 201);
  });
