import { UnauthorizedError } from '@omnifolio/shared/errors';
import { Hono } from 'hono';
import { setCookie } from 'hono/cookie';
import { z } from 'zod';
import type { AppDeps } from '../deps.js';
import { sessionCookieName } from '../middleware/require-token.js';
import { validate } from '../validate.js';

/**
 * The companion's own pages a one-time link may lead to. The login page goes only to these
 * paths, so a link can never send the browser anywhere else.
 */
export const COMPANION_PAGES = { dashboard: '/', connect: '/connect' } as const;

const linkQuery = z.object({ page: z.enum(['dashboard', 'connect'], { message: 'page must be "dashboard" or "connect".' }).default('dashboard') });

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
    // A new one-time link to one of the companion's pages (needs a token: `pnpm omnifolio open`
    // mints one; the extension asks for one to open the wallet-connect page).
    .post('/link', validate('query', linkQuery), (c) => {
      const { page } = c.req.valid('query');
      const next = page === 'dashboard' ? '' : `&next=${COMPANION_PAGES[page]}`;
      return c.json({ url: `http://127.0.0.1:${deps.port()}/login?code=${deps.loginLinks.issue()}${next}` }, 201);
    });
