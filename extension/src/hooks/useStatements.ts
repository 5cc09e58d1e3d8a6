import type { ConsentView, DocumentView } from '@omnifolio/shared/api';
import { useCallback, useEffect, useState } from 'react';
import { companionBaseUrl } from '../lib/companion-client';
import { type Problem, toProblem } from '../lib/companion-error';
import { getPairing } from '../lib/settings';
import { createStatementsClient, type StatementsClient } from '../lib/statements-client';
import { useEnvironment } from './EnvironmentContext';

export interface Statements {
  documents: DocumentView[] | null;
  consents: ConsentView[] | null;
  problem: Problem | null;
  reload(): Promise<void>;
  revokeConsent(id: string): Promise<void>;
}

async function statementsClient(): Promise<StatementsClient> {
  const pairing = await getPairing();
  if (!pairing) throw new Error('The extension is not paired with the companion.');
  return createStatementsClient({ baseUrl: companionBaseUrl(pairing.port), auth: { kind: 'token', token: pairing.token } });
}

/** The companion's captured documents and capture consents, for the options page. */
export function useStatements(): Statements {
  const [state, setState] = useState<{ documents: DocumentView[] | null; consents: ConsentView[] | null; problem: Problem | null }>({
    documents: null,
    consents: null,
    problem: null,
  });
  const reload = useCallback(async () => {
    try {
      const client = await statementsClient();
      const [documents, consents] = await Promise.all([client.documents(), client.consents()]);
      setState({ documents, consents, problem: null });
    } catch (error) {
      setState((s) => ({ ...s, problem: toProblem(error) }));
    }
  }, []);
  const environment = useEnvironment();
  useEffect(() => {
    void reload();
    // A new pairing means another companion (or another token): load again.
    return environment.subscribe((change) => {
      if (change === 'access') void reload();
    });
  }, [reload, environment]);
  const revokeConsent = useCallback(
    async (id: string) => {
      await (await statementsClient()).revokeConsent(id);
      await reload();
    },
    [reload],
  );
  return { ...state, reload, revokeConsent };
}
