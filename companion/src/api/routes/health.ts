import type { HealthView } from '@omnifolio/shared/api';
import { Hono } from 'hono';
import type { AppDeps } from '../deps.js';

export const healthRoutes = (deps: AppDeps) =>
  new Hono().get('/', (c) =>
    c.json({ ok: true, name: 'omnifolio-companion', version: deps.version, paired: deps.tokens.hasLiveExtensionToken() } satisfies HealthView),
  );
