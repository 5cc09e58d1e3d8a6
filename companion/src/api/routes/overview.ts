import { Hono } from 'hono';
import type { AppDeps } from '../deps.js';

export const overviewRoutes = (deps: AppDeps) => new Hono().get('/', (c) => c.json(deps.portfolio.overview()));
