import { UnauthorizedError } from '@omnifolio/shared/errors';
import { Hono } from 'hono';
import { setCookie } from 'hono/cookie';
import { z } from 'zod';
import type { AppDeps } from '../deps.js';
import { sessionCookieName } from '../middleware/require-token.js';
import { validate } from '../validate.js';

/** One-time dashboard links and their exchange for a session cookie on the companion's own page. */
export const sessionRoutes = (deps: AppDeps) =>
  new Hono()
    .post('/', validate('json', z.object({ code: z.string().min(10).max(200) })), (c) => {
      if (!deps.loginLinks.redeem(c.req.valid('json').code)) {
        throw new UnauthorizedError('This dashboard link was already used or has expired.', {
          hints: ['Run `pnpm omnifolio open` to print a new link.'],
        });
      }
      const { token, row } = deps.tokens.issue({ label: 'Dashboard in a browser tab', kind: 'web' });
      deps.audit.record('session.opened', row.id);
      setCookie(c, sessionCookieName(deps.port()), token, { httpOnly: true, sameSite: 'Strict', path: '/', maxAge: 30 * 24 * 3600 });
      return c.json({ ok: true }, 201);
    })
    // A new one-time dashboard link (needs a token: `pnpm omnifolio open` mints one).
    .post('/link', (c) => c.json({ url: `http://127.0.0.1:${deps.port()}/login?code=${deps.loginLinks.issue()}` }, 201));
