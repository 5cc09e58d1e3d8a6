/**
 * Points every API URL of a ccxt exchange at another origin, keeping each path, so that
 * private calls arrive signed exactly as in production (Binance signs the query, not the
 * host). `urls.api` is a tree for some exchanges (`{ rest: { public, private } }`), so every
 * string value is rewritten, however deep.
 *
 * Templated hosts (`https://api.{hostname}`, OKX and Bybit) are rewritten too.
 *
 * `override` may carry a path prefix (`http://127.0.0.1:9000/binance`), for a simulator or
 * proxy that serves several providers under one origin.
 */
export function rewriteApiUrls<T>(api: T, override: string): T {
  const target = new URL(override);
  const prefix = target.pathname.replace(/\/+$/, '');
  const rewrite = (value: unknown): unknown => {
    if (typeof value === 'string') {
      // OKX and Bybit keep `https://{hostname}` templates that ccxt fills in at request time;
      // the host is replaced anyway, so any valid placeholder lets the path be kept.
      const original = tryParseUrl(value.replaceAll('{hostname}', 'hostname.invalid'));
      // Not every string in the tree is a URL (some exchanges keep host templates); leave those.
      if (original === undefined) return value;
      return `${target.origin}${prefix}${original.pathname === '/' && !value.endsWith('/') ? '' : original.pathname}${original.search}`;
    }
    if (Array.isArray(value)) return value.map(rewrite);
    if (value !== null && typeof value === 'object') {
      return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, rewrite(inner)]));
    }
    return value;
  };
  return rewrite(api) as T;
}

function tryParseUrl(value: string): URL | undefined {
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) return undefined;
  try {
    return new URL(value);
  } catch {
    return undefined;
  }
}
