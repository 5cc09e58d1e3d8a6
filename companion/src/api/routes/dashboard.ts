import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono } from 'hono';
import type { AppDeps } from '../deps.js';

const LOGIN_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Omnifolio</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>body{font:16px system-ui,sans-serif;margin:4rem auto;max-width:32rem;padding:0 1rem;color:#1f2937}</style></head>
<body><h1>Omnifolio</h1><p id="status">Opening Omnifolio…</p>
<script type="module">
const params = new URLSearchParams(location.search);
const code = params.get('code');
// Only the companion's own pages (routes/session.ts): a link never leads anywhere else.
const next = params.get('next') === '/connect' ? '/connect' : '/';
const status = document.getElementById('status');
const res = code ? await fetch('/api/session', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ code }) }) : null;
if (res && res.ok) location.replace(next);
else {
  const body = res ? await res.json().catch(() => ({})) : {};
  status.textContent = (body.message || 'This link has no code.') + ' ' + ((body.hints || []).join(' ') || 'Run \`pnpm omnifolio open\` to print a new link.');
}
</script></body></html>`;

const notBuiltPage = (dir: string | null) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Omnifolio</title></head>
<body style="font:16px system-ui,sans-serif;margin:4rem auto;max-width:36rem">
<h1>Omnifolio companion is running</h1>
<p>The dashboard page comes from the extension build, which was not found${dir ? ` at <code>${dir}</code>` : ''}.</p>
<p>Build it with <code>pnpm --filter @omnifolio/extension build</code> (the README's start command does this), then reload.</p>
</body></html>`;

/**
 * The companion's own web page: the same dashboard as the popup, in a normal tab. The HTML
 * and scripts carry no data; the page reads the API with the session cookie from /login.
 */
export const dashboardRoutes = (deps: AppDeps) => {
  const dir = deps.dashboardDir;
  const built = !!dir && existsSync(join(dir, 'dashboard.html'));
  const app = new Hono().get('/login', (c) => c.html(LOGIN_PAGE));
  if (!built) return app.get('/', (c) => c.html(notBuiltPage(dir)));
  return (
    app
      .get('/', serveStatic({ root: dir, path: 'dashboard.html' }))
      .get('/dashboard.html', serveStatic({ root: dir, path: 'dashboard.html' }))
      // The wallet-connect page: wallet extensions inject their providers into web pages like this
      // one, never into another extension's pages, so the companion serves it.
      .get('/connect', serveStatic({ root: dir, path: 'connect.html' }))
      .get('/chunks/*', serveStatic({ root: dir }))
      .get('/assets/*', serveStatic({ root: dir }))
      .get('/content-scripts/*', (c) => c.notFound())
  );
};
