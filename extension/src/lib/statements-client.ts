import type { ConsentView, DocumentView } from '@omnifolio/shared/api';
import { createCompanionApi } from './companion-api';
import type { CompanionClientOptions } from './companion-client';

/**
 * The companion's statement routes (documents and consents) through Hono's typed client,
 * with errors handled by companion-api.ts.
 * Uploads may carry up to 25 MiB, so they get a longer time limit than other calls.
 */
export function createStatementsClient(options: CompanionClientOptions) {
  const api = createCompanionApi(options, 120_000);

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
