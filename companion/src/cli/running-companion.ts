import type { CompanionCore } from '../main.js';

/** Whether a companion answers on this port (GET /api/health needs no token). */
export async function isCompanionRunning(port: number): Promise<boolean> {
  try {
    const res = await fetch(`http://127.0.0.1:${port}/api/health`, { signal: AbortSignal.timeout(1500) });
    const body = (await res.json()) as { name?: string };
    return res.ok && body.name === 'omnifolio-companion';
  } catch {
    return false;
  }
}

/**
 * Calls the running companion's API on behalf of the CLI. Whoever can open the data
 * directory is the owner, so the CLI mints a short-lived token directly in the database,
 * uses it for one call, and revokes it.
 */
export async function callRunningCompanion<T>(core: CompanionCore, port: number, method: string, path: string, body?: unknown): Promise<T> {
  const { token, row } = core.tokens.issue({ label: 'CLI (one call)', kind: 'cli' });
  try {
    const res = await fetch(`http://127.0.0.1:${port}/api${path}`, {
      method,
      headers: { Authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await res.text();
    const parsed = text ? JSON.parse(text) : null;
    if (!res.ok) throw Object.assign(new Error(parsed?.message ?? `HTTP ${res.status}`), { body: parsed });
    return parsed as T;
  } finally {
    core.tokens.revoke(row.id);
  }
}
