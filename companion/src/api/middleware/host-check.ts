import { ForbiddenError } from '@omnifolio/shared/errors';
import { createMiddleware } from 'hono/factory';

/**
 * Refuses any request whose Host is not a loopback name with our port. A web page that
 * rebinds its own DNS name to 127.0.0.1 still sends its own name as Host, so this is what
 * stops DNS-rebinding attacks from reaching the API.
 */
export function hostCheck(getPort: () => number) {
  return createMiddleware(async (c, next) => {
    const port = getPort();
    const allowed = new Set([`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`]);
    const host = (c.req.header('host') ?? '').toLowerCase();
    if (!allowed.has(host)) {
      throw new ForbiddenError(`Requests must be addressed to this computer (Host ${host || 'missing'} is not allowed).`, {
        hints: [`Use http://127.0.0.1:${port}.`],
      });
    }
    await next();
  });
}
