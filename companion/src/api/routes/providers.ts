import { Hono } from 'hono';
import type { AppDeps } from '../deps.js';

export const providerRoutes = (deps: AppDeps) => new Hono().get('/', (c) => c.json(deps.connections.providers()));
