import type { ProviderView } from '@omnifolio/shared/api';
import { Hono } from 'hono';
import { toProviderView } from '../../connections/connection-service.js';
import { listUntestedConnectors } from '../../connectors/registry.js';
import type { AppDeps } from '../deps.js';

/**
 * Every provider a connection can be added for: the tested connectors first, then every other
 * exchange ccxt supports, marked `tested: false` (read from a generated list; ccxt stays unloaded).
 */
export const providerRoutes = (deps: AppDeps) =>
  new Hono().get('/', (c) => {
    const untested = listUntestedConnectors().map((connector): ProviderView => ({ ...toProviderView(connector), tested: false }));
    return c.json([...deps.connections.providers(), ...untested]);
  });
