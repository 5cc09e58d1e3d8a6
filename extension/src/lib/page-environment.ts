import { createCompanionClient } from './companion-client';
import type { Environment } from './environment';
import { createPagePreferences } from './page-preferences';
import { createSchwabClient } from './schwab-client';

/**
 * The dashboard as the companion serves it in a normal tab at http://127.0.0.1:<port>/.
 * There is no extension API here: the page talks to its own origin and the companion knows
 * it by the HttpOnly session cookie it set when the one-time link was opened.
 */
export function createPageEnvironment(origin: string): Environment {
  const client = createCompanionClient({ baseUrl: origin, auth: { kind: 'session' } });
  return {
    mode: 'companion-page',
    access: async () => ({ baseUrl: origin, client, paired: true }),
    preferences: createPagePreferences(),
    subscribe: () => () => {},
    openOptions: null,
    dashboardUrl: null,
    // Same origin, same session cookie: the page opens without a new link.
    openWalletConnect: async () => {
      window.open(`${origin}/connect`, '_blank', 'noopener');
    },
    // No extension here to follow the login tab: the person pastes the address it reaches.
    schwab: {
      client: async () => createSchwabClient({ baseUrl: origin, auth: { kind: 'session' } }),
      requestCallbackAccess: async () => false,
      open: async (start) => {
        window.open(start.authorizeUrl, '_blank', 'noopener');
      },
      onOutcome: () => () => {},
    },
  };
}
