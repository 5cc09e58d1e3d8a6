import { Hono } from 'hono';
import type { AppDeps } from '../deps.js';

/** The demo portfolio: create it, or remove it in one action. */
export const demoRoutes = (deps: AppDeps) =>
  new Hono()
    .get('/', (c) => c.json({ active: deps.demo.active() }))
    .post('/', async (c) => c.json({ created: await deps.demo.create() }, 201))
    .delete('/', async (c) => c.json({ removed: await deps.demo.remove() }));
