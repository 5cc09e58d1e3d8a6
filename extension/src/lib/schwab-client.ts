import { createCompanionApi } from './companion-api';
import type { CompanionClientOptions } from './companion-client';

/** The companion's Schwab sign-in routes (routes/schwab.ts) through Hono's typed client. */
export function createSchwabClient(options: CompanionClientOptions) {
  const api = createCompanionApi(options, 90_000);
  return {
    /** A new connection's app, or `connectionId` to re-authorize one; returns the address to open. */
    start: async (input: { connectionId: string } | { label: string; appKey: string; appSecret: string; callbackUrl?: string; syncIntervalMinutes?: number }) =>
      (await api.schwab.authorizations.$post({ json: input as { connectionId: string } })).json(),
    /** Hands back the address the browser reached after the Schwab login. */
    complete: async (state: string, redirectedUrl: string) =>
      (await api.schwab.authorizations[':state'].complete.$post({ param: { state }, json: { redirectedUrl } })).json(),
    signIns: async () => (await api.schwab['sign-ins'].$get()).json(),
  };
}

export type SchwabClient = ReturnType<typeof createSchwabClient>;
