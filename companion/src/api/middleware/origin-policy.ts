import { ForbiddenError } from '@omnifolio/shared/errors';
import { createMiddleware } from 'hono/factory';

export interface OriginPolicyOptions {
  getPort: () => number;
  /** Origins of paired extensions (live tokens). */
  pairedOrigins: () => Set<string>;
  /** Paths any browser-extension origin may call before it is paired. */
  pairingPaths: ReadonlySet<string>;
}

const EXTENSION_ORIGIN = /^(chrome-extension|moz-extension|safari-web-extension):\/\/[a-z0-9-]+$/i;
const ALLOW_HEADERS = 'Authorization, Content-Type';
const ALLOW_METHODS = 'GET, POST, PATCH, DELETE, OPTIONS';

/**
 * CORS and Origin checks in one place. Allowed: no Origin (scripts, curl), the companion's
 * own origin, paired extension origins, and any extension origin for the pairing call.
 * Everything else is refused with 403 and gets no CORS headers — no wildcard, and no
 * Private Network Access opt-in, so a web page cannot read or call the API.
 */
export function originPolicy(options: OriginPolicyOptions) {
  return createMiddleware(async (c, next) => {
    const origin = c.req.header('origin');
    if (!origin) return next();
    const port = options.getPort();
    const own = origin === `http://127.0.0.1:${port}` || origin === `http://localhost:${port}` || origin === `http://[::1]:${port}`;
    const paired = options.pairedOrigins().has(origin);
    const pairing = options.pairingPaths.has(c.req.path) && EXTENSION_ORIGIN.test(origin);
    if (!own && !paired && !pairing) {
      throw new ForbiddenError('This origin may not use the Omnifolio companion.', {
        hints: ['Pair the Omnifolio extension from its options page, or open the dashboard from the URL the companion printed.'],
      });
    }
    if (!own) {
      c.header('Access-Control-Allow-Origin', origin);
      c.header('Vary', 'Origin');
    }
    if (c.req.method === 'OPTIONS') {
      c.header('Access-Control-Allow-Headers', ALLOW_HEADERS);
      c.header('Access-Control-Allow-Methods', ALLOW_METHODS);
      c.header('Access-Control-Max-Age', '600');
      return c.body(null, 204);
    }
    await next();
  });
}
