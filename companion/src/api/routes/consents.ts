import { consentRequest } from '@omnifolio/shared/api';
import { Hono } from 'hono';
import { z } from 'zod';
import type { AppDeps } from '../deps.js';
import { validate } from '../validate.js';

export const consentRoutes = (deps: AppDeps) =>
  new Hono()
    .get('/', validate('query', z.object({ providerId: z.string().min(1).optional() })), (c) => c.json(deps.consents.list(c.req.valid('query').providerId)))
    .post('/', validate('json', consentRequest), (c) => {
      const { consent, created } = deps.consents.grant(c.req.valid('json'));
      return c.json(consent, created ? 201 : 200);
    })
    .delete('/:id', (c) => c.json(deps.consents.revoke(c.req.param('id'))));
