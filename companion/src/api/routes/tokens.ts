import type { TokenView } from '@omnifolio/shared/api';
import { NotFoundError } from '@omnifolio/shared/errors';
import { Hono } from 'hono';
import type { AppDeps } from '../deps.js';

export const tokenRoutes = (deps: AppDeps) =>
  new Hono()
    .get('/', (c) =>
      c.json(
        deps.tokens.list().map((t): TokenView => ({ id: t.id, label: t.label, createdAt: t.createdAt, lastUsedAt: t.lastUsedAt, revokedAt: t.revokedAt })),
      ),
    )
    .delete('/:id', (c) => {
      const id = c.req.param('id');
      if (!deps.tokens.revoke(id)) throw new NotFoundError('There is no live token with that id.', { hints: ['List tokens with GET /api/tokens.'] });
      deps.audit.record('token.revoked', id);
      return c.body(null, 204);
    })
    // A fresh pairing code, for pairing another browser from the dashboard tab.
    .post('/pairing-code', (c) => {
      const issued = deps.pairing.issue();
      deps.audit.record('pairing.code_issued');
      return c.json({ code: issued.code, expiresAt: issued.expiresAt.toISOString() }, 201);
    });
