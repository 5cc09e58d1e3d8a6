import { BaseError, toErrorBody } from '@omnifolio/shared/errors';
import { Hono } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { AppDeps } from './deps.js';
import { hostCheck } from './middleware/host-check.js';
import { originPolicy } from './middleware/origin-policy.js';
import { requireToken } from './middleware/require-token.js';
import { activityRoutes } from './routes/activities.js';
import { allocationRoutes } from './routes/allocation.js';
import { connectionRoutes } from './routes/connections.js';
import { consentRoutes } from './routes/consents.js';
import { csvTemplateRoutes } from './routes/csv-templates.js';
import { dashboardRoutes } from './routes/dashboard.js';
import { demoRoutes } from './routes/demo.js';
import { documentRoutes } from './routes/documents.js';
import { exposureRoutes } from './routes/exposure.js';
import { healthRoutes } from './routes/health.js';
import { historyRoutes } from './routes/history.js';
import { liveRoutes } from './routes/live.js';
import { mailboxRoutes } from './routes/mailboxes.js';
import { overviewRoutes } from './routes/overview.js';
import { pairingRoutes } from './routes/pairing.js';
import { performanceRoutes } from './routes/performance.js';
import { providerRoutes } from './routes/providers.js';
import { schwabRoutes } from './routes/schwab.js';
import { sessionRoutes } from './routes/session.js';
import { settingsRoutes } from './routes/settings.js';
import { syncRoutes, syncRunRoutes } from './routes/sync.js';
import { tokenRoutes } from './routes/tokens.js';
import { walletRoutes } from './routes/wallets.js';

/** Routes that answer without a token: liveness, and the two ways of obtaining one. */
const PUBLIC_API_PATHS = new Set(['/api/health', '/api/pair', '/api/session']);
const PAIRING_PATHS = new Set(['/api/pair', '/api/health']);

function buildApi(deps: AppDeps) {
  return new Hono()
    .route('/health', healthRoutes(deps))
    .route('/pair', pairingRoutes(deps))
    .route('/session', sessionRoutes(deps))
    .route('/tokens', tokenRoutes(deps))
    .route('/providers', providerRoutes(deps))
    .route('/connections', connectionRoutes(deps))
    .route('/schwab', schwabRoutes(deps))
    .route('/wallets', walletRoutes(deps))
    .route('/sync', syncRoutes(deps))
    .route('/sync-runs', syncRunRoutes(deps))
    .route('/overview', overviewRoutes(deps))
    .route('/activities', activityRoutes(deps))
    .route('/live', liveRoutes(deps))
    .route('/performance', performanceRoutes(deps))
    .route('/history', historyRoutes(deps))
    .route('/exposure', exposureRoutes(deps))
    .route('/allocation', allocationRoutes(deps))
    .route('/settings', settingsRoutes(deps))
    .route('/demo', demoRoutes(deps))
    .route('/documents', documentRoutes(deps))
    .route('/consents', consentRoutes(deps))
    .route('/csv-templates', csvTemplateRoutes(deps))
    .route('/mailboxes', mailboxRoutes(deps));
}

/**
 * The companion's HTTP app. Order matters: Host check (DNS rebinding), then Origin/CORS,
 * then the token, then the routes. Errors leave as `{ code, message, hints }`.
 */
export function createApp(deps: AppDeps) {
  const app = new Hono();
  app.use('*', async (c, next) => {
    await next();
    deps.metrics.recordRequest(c.req.method, c.req.routePath, c.res.status);
  });
  app.use('*', hostCheck(deps.port));
  app.use('*', originPolicy({ getPort: deps.port, pairedOrigins: () => deps.tokens.liveOrigins(), pairingPaths: PAIRING_PATHS }));
  app.use('/api/*', requireToken(deps.tokens, deps.port, PUBLIC_API_PATHS));
  app.use('/metrics', requireToken(deps.tokens, deps.port, new Set()));
  app.onError((error, c) => {
    const status = (error instanceof BaseError ? error.status : 500) as ContentfulStatusCode;
    if (status >= 500 && !(error instanceof BaseError)) deps.log.error({ err: error, path: c.req.path }, 'request failed');
    return c.json(toErrorBody(error), status);
  });
  app.notFound((c) => c.json({ code: 'not_found', message: `There is no ${c.req.method} ${c.req.path}.`, hints: [] }, 404));

  const routes = app
    .route('/api', buildApi(deps))
    .get('/metrics', async (c) => c.text(await deps.metrics.registry.metrics(), 200, { 'Content-Type': deps.metrics.registry.contentType }))
    .route('/', dashboardRoutes(deps));
  return routes;
}

/**
 * The typed shape of the API routes under `/api`, for the extension:
 * hc<AppType>(`http://127.0.0.1:${port}/api`).
 */
export type AppType = ReturnType<typeof buildApi>;
