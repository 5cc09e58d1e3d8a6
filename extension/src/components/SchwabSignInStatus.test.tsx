// @vitest-environment happy-dom
import type { SchwabSignInView } from '@omnifolio/shared/api';
import { createRoot } from 'react-dom/client';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { EnvironmentContext } from '../hooks/EnvironmentContext';
import { actSettled } from '../lib/act-settled.test-support';
import { createPageEnvironment } from '../lib/page-environment';
import { SchwabSignInStatus } from './SchwabSignInStatus';

const BASE = 'http://127.0.0.1:47821';
let container: HTMLDivElement | null = null;
afterEach(() => {
  container?.remove();
  vi.unstubAllGlobals();
});

/**
 * The companion's Schwab routes as this control calls them, recorded: sign-ins answer `signIn`,
 * starting returns a sign-in bound to state `st-1`, completing it returns the connection.
 */
function fakeCompanion(signIn: SchwabSignInView) {
  const calls: { method: string; path: string; body: unknown }[] = [];
  vi.stubGlobal('fetch', async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(String(input));
    const body = init?.body ? JSON.parse(String(init.body)) : null;
    calls.push({ method: init?.method ?? 'GET', path: url.pathname, body });
    const json = (status: number, value: unknown) => new Response(JSON.stringify(value), { status, headers: { 'content-type': 'application/json' } });
    if (url.pathname === '/api/schwab/sign-ins') return json(200, [signIn]);
    if (url.pathname === '/api/schwab/authorizations') {
      return json(201, {
        state: 'st-1',
        authorizeUrl: 'https://api.schwabapi.com/v1/oauth/authorize?client_id=k&state=st-1',
        callbackUrl: 'https://127.0.0.1:8182',
        expiresAt: '',
      });
    }
    if (url.pathname === '/api/schwab/authorizations/st-1/complete') return json(201, { id: signIn.connectionId, label: signIn.label });
    return json(404, { code: 'not_found', message: 'no such route', hints: [] });
  });
  const opened: string[] = [];
  vi.stubGlobal('open', (url: string) => {
    opened.push(url);
    return null;
  });
  return { calls, opened };
}

async function render(element: React.ReactElement) {
  // The dashboard served by the companion: the same control, signed in by session.
  const environment = createPageEnvironment(BASE);
  container = document.createElement('div');
  document.body.append(container);
  const root = createRoot(container);
  await actSettled(() => root.render(<EnvironmentContext.Provider value={environment}>{element}</EnvironmentContext.Provider>));
  return { root, el: container };
}

const expiring: SchwabSignInView = {
  connectionId: 'c1',
  label: 'Schwab',
  state: 'expiring',
  expiresAt: '2026-11-24T07:00:00.000Z',
  message: 'Schwab sign-in expires in 11 h — Re-authorize.',
};

describe('SchwabSignInStatus', () => {
  it('shows the warning with Re-authorize; one click starts the sign-in for this connection, the pasted address finishes it', async () => {
    const { calls, opened } = fakeCompanion(expiring);
    let reauthorized = 0;
    const { root, el } = await render(<SchwabSignInStatus connectionId="c1" onlyWhenDue onReauthorized={() => (reauthorized += 1)} />);
    expect(el.querySelector('[data-testid="schwab-sign-in"]')?.getAttribute('data-state')).toBe('expiring');
    expect(el.textContent).toContain('Schwab sign-in expires in 11 h — Re-authorize.');

    await actSettled(() => el.querySelector<HTMLButtonElement>('[data-testid="schwab-reauthorize"]')?.click());
    expect(calls.find((c) => c.path === '/api/schwab/authorizations')?.body).toEqual({ connectionId: 'c1' });
    expect(opened).toEqual(['https://api.schwabapi.com/v1/oauth/authorize?client_id=k&state=st-1']);

    const input = el.querySelector<HTMLInputElement>('[data-testid="schwab-redirect-url"]')!;
    const address = 'https://127.0.0.1:8182/?code=C0.abc%40&session=s&state=st-1';
    await actSettled(() => {
      // React listens for the native input event; set the value the way a paste does.
      Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')?.set?.call(input, address);
      input.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await actSettled(() => el.querySelector<HTMLButtonElement>('[data-testid="schwab-finish"]')?.click());
    expect(calls.find((c) => c.path === '/api/schwab/authorizations/st-1/complete')?.body).toEqual({ redirectedUrl: address });
    expect(el.querySelector('[data-testid="schwab-done"]')?.textContent).toBe('Schwab is re-authorized for 7 more days.');
    expect(reauthorized).toBe(1);
    await actSettled(() => root.unmount());
  });

  it('in the popup, says nothing while the sign-in has more than a day left', async () => {
    fakeCompanion({ ...expiring, state: 'ok', message: null });
    const { root, el } = await render(<SchwabSignInStatus connectionId="c1" onlyWhenDue />);
    expect(el.querySelector('[data-testid="schwab-sign-in"]')).toBeNull();
    await actSettled(() => root.unmount());
  });

  it('on the options page, always offers Re-authorize, and shows an ended sign-in as an error', async () => {
    fakeCompanion({ ...expiring, state: 'expired', message: 'Schwab sign-in has expired — Re-authorize to sync again.' });
    const { root, el } = await render(<SchwabSignInStatus connectionId="c1" />);
    expect(el.querySelector('.notice--error')?.textContent).toContain('Schwab sign-in has expired — Re-authorize to sync again.');
    expect(el.querySelector('[data-testid="schwab-reauthorize"]')).not.toBeNull();
    await actSettled(() => root.unmount());
  });
});
