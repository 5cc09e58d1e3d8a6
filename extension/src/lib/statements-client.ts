import type { AppType } from '@omnifolio/companion/app';
import type { ConsentView, DocumentView } from '@omnifolio/shared/api';
import { hc } from 'hono/client';
import type { CompanionClientOptions } from './companion-client';
import { CompanionRequestError, CompanionUnreachableError } from './companion-error';

/**
 * The companion's statement routes (documents and consents) through Hono's typed client,
 * with the same error handling as companion-client.ts: a network failure becomes
 * CompanionUnreachableError, an error status CompanionRequestError in the companion's words.
 * Uploads may carry up to 25 MiB, so they get a longer time limit than other calls.
 */
export function createStatementsClient(options: CompanionClientOptions) {
  const { baseUrl, auth } = options;
  const transport = options.fetch ?? globalThis.fetch.bind(globalThis);
  const timeoutMs = options.timeoutMs ?? 120_000;

  const guardedFetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const timeout = AbortSignal.timeout(timeoutMs);
    let response: Response;
    try {
      response = await transport(input, { ...init, signal: timeout, credentials: auth.kind === 'session' ? 'include' : 'omit' });
    } catch (cause) {
      throw new CompanionUnreachableError(baseUrl, { cause, timedOut: timeout.aborted });
    }
    if (!response.ok) throw await CompanionRequestError.fromResponse(response);
    return response;
  };
  const headers: Record<string, string> = auth.kind === 'token' ? { Authorization: `Bearer ${auth.token}` } : {};
  const api = hc<AppType>(`${baseUrl}/api`, { headers, fetch: guardedFetch });

  return {
    documents: async (): Promise<DocumentView[]> => (await api.documents.$get()).json(),
    uploadDocument: async (document: {
      filename: string;
      mediaType: string;
      providerId: string;
      origin: string;
      contentBase64: string;
    }): Promise<DocumentView> => (await api.documents.$post({ json: { ...document, source: 'extension' } })).json(),
    consents: async (providerId?: string): Promise<ConsentView[]> =>
      (await api.consents.$get({ query: providerId === undefined ? {} : { providerId } })).json(),
    grantConsent: async (providerId: string, textSha256: string): Promise<ConsentView> =>
      (await api.consents.$post({ json: { providerId, textSha256 } })).json(),
    revokeConsent: async (id: string): Promise<ConsentView> => (await api.consents[':id'].$delete({ param: { id } })).json(),
  };
}

export type StatementsClient = ReturnType<typeof createStatementsClient>;
