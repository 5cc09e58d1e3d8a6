import { completeSchwabAuthorizationRequest, startSchwabAuthorizationRequest } from '@omnifolio/shared/api';
import { Hono } from 'hono';
import type { AppDeps } from '../deps.js';
import { validate } from '../validate.js';

/**
 * Schwab's OAuth sign-in: `POST /authorizations` starts one (new connection, or
 * `connectionId` to re-authorize) and returns the address to open; `POST
 * /authorizations/:state/complete` takes the address the browser reached after the login;
 * `GET /sign-ins` says how long each connection's weekly sign-in has left.
 */
export const schwabRoutes = (deps: AppDeps) =>
  new Hono()
    .post('/authorizations', validate('json', startSchwabAuthorizationRequest), async (c) => c.json(await deps.schwab.start(c.req.valid('json')), 201))
    .post('/authorizations/:state/complete', validate('json', completeSchwabAuthorizationRequest), async (c) =>
      c.json(await deps.schwab.complete(c.req.param('state'), c.req.valid('json').redirectedUrl), 201),
    )
    .get('/sign-ins', (c) => c.json(deps.schwab.signIns()));
