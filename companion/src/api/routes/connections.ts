import { createConnectionRequest, updateConnectionRequest } from '@omnifolio/shared/api';
import { Hono } from 'hono';
import { toSyncRunView } from '../../storage/repositories/sync-runs-repository.js';
import type { AppDeps } from '../deps.js';
import { validate } from '../validate.js';

export const connectionRoutes = (deps: AppDeps) =>
  new Hono()
    .get('/', (c) => c.json(deps.connections.list()))
    .post('/test', validate('json', createConnectionRequest), async (c) => c.json(await deps.connections.test(c.req.valid('json'))))
    .post('/', validate('json', createConnectionRequest), async (c) => c.json(await deps.connections.create(c.req.valid('json')), 201))
    .patch('/:id', validate('json', updateConnectionRequest), (c) => c.json(deps.connections.update(c.req.param('id'), c.req.valid('json'))))
    .delete('/:id', async (c) => {
      await deps.connections.remove(c.req.param('id'));
      return c.body(null, 204);
    })
    .post('/:id/sync', (c) => {
      const { run } = deps.runner.start(deps.connectionsRepo.get(c.req.param('id')).id, 'manual');
      return c.json(toSyncRunView(run), 202);
    });
