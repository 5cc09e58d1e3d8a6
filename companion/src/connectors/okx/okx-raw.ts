import { UnavailableError } from '@omnifolio/shared/errors';

/** OKX answered, but not with the shape we read. Not retried forever: the runner backs off. */
export function okxUnreadable(what: string): UnavailableError {
  return new UnavailableError(`OKX answered something Omnifolio could not read (${what}); it will try again later.`, {
    hints: ['If this keeps happening, OKX may have changed its API; the companion log has the details.'],
  });
}

/** OKX wraps every answer as `{ code: "0", msg: "", data: [...] }`; ccxt's implicit API hands back that envelope. */
export function okxData(body: unknown, what: string): unknown[] {
  const data = (body as { data?: unknown } | null)?.data;
  if (!Array.isArray(data)) throw okxUnreadable(what);
  return data;
}
