import { Hono } from 'hono';
import { z } from 'zod';
import { toSyncRunView } from '../../storage/repositories/sync-runs-repository.js';
import type { AppDeps } from '../deps.js';
import { validate } from '../validate.js';

export const syncRoutes = (deps: AppDeps) =>
  new Hono()
    // Sync every API connection that is not paused, now (statements arrive as documents).
    .post('/', (c) => {
      const runs = deps.connectionsRepo
        .list()
        .filter((conn) => conn.status !== 'paused' && deps.runner.canSync(conn.providerId))
        .map((conn) => toSyncRunView(deps.runner.start(conn.id, 'manual').run));
      return c.json({ runs }, 202);
    });

export const syncRunRoutes = (deps: AppDeps) =>
  new Hono()
    .get('/', validate('query', z.object({ connectionId: z.string().optional(), limit: z.coerce.number().int().min(1).max(500).optional() })), (c) => {
      const { connectionId, limit } = c.req.valid('query');
      return c.json(deps.syncRuns.list({ connectionId, limit }).map(toSyncRunView));
    })
    .get('/:id', (c) => {
      const run = deps.syncRuns.find(c.req.param('id'));
      if (!run) return c.json({ code: 'not_found', message: 'There is no sync run with that id.', hints: [] }, 404);
      return c.json(toSyncRunView(run));
    });
