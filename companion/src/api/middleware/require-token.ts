import { UnauthorizedError } from '@omnifolio/shared/errors';
import { getCookie } from 'hono/cookie';
import { createMiddleware } from 'hono/factory';
import type { ApiTokenRow, ApiTokensRepository } from '../../storage/repositories/api-tokens-repository.js';

export type AuthVariables = { token: ApiTokenRow };

export const sessionCookieName = (port: number) => `omnifolio_session_${port}`;

/**
 * Requires a live API token: `Authorization: Bearer …` (extension, scripts) or the session
 * cookie set from the one-time dashboard URL (the companion's own page). The cookie is
 * HttpOnly and SameSite=Strict, and foreign origins are refused before this runs.
 */
export function requireToken(tokens: ApiTokensRepository, getPort: () => number, publicPaths: ReadonlySet<string>) {
  // lastUsedAt is bookkeeping, not state the API promises; write it at most once a minute.
  const touched = new Map<string, number>();
  return createMiddleware<{ Variables: AuthVariables }>(async (c, next) => {
    if (publicPaths.has(c.req.path)) return next();
    const header = c.req.header('authorization');
    const bearer = header?.match(/^Bearer\s+(\S+)$/i)?.[1];
    const token = bearer ?? getCookie(c, sessionCookieName(getPort()));
    const row = token ? tokens.verify(token) : undefined;
    if (!row) {
      throw new UnauthorizedError(token ? 'This API token is not valid (revoked or unknown).' : 'This request needs an API token.', {
        hints: ['Pair the extension from its options page, or create a token with `pnpm omnifolio token`.'],
      });
    }
    const now = Date.now();
    if ((touched.get(row.id) ?? 0) < now - 60_000) {
      touched.set(row.id, now);
      tokens.touch(row.id);
    }
    c.set('token', row);
    await next();
  });
}
