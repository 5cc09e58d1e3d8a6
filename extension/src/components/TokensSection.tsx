import { useState } from 'react';
import { useEnvironment } from '../hooks/EnvironmentContext';
import { useCompanionResource } from '../hooks/useCompanionResource';
import { type Problem, toProblem } from '../lib/companion-error';
import { ProblemMessage } from './ProblemMessage';
import { Section } from './Section';
import { TokenRow } from './TokenRow';

export interface TokensSectionProps {
  currentTokenId: string;
  /** Called after this browser's own token was revoked: the extension must forget it. */
  onRevokedOwn(): Promise<void>;
}

/** Everything that can read the companion: browsers, dashboard tabs, scripts. */
export function TokensSection({ currentTokenId, onRevokedOwn }: TokensSectionProps) {
  const environment = useEnvironment();
  const tokens = useCompanionResource((client) => client.tokens(), true);
  const [problem, setProblem] = useState<Problem | null>(null);
  const list = tokens.data ?? [];
  const live = list.filter((t) => t.revokedAt === null);
  const revoked = list.filter((t) => t.revokedAt !== null);

  async function revoke(id: string) {
    setProblem(null);
    try {
      const { client } = await environment.access();
      await client.revokeToken(id);
      if (id === currentTokenId) {
        await onRevokedOwn();
        return;
      }
    } catch (error) {
      setProblem(toProblem(error));
    }
    await tokens.reload();
  }

  return (
    <Section id="tokens" title="API tokens" description="Everything allowed to read your portfolio from the companion. Revoke what you do not recognise.">
      {tokens.problem !== null && <ProblemMessage problem={tokens.problem} />}
      {problem !== null && <ProblemMessage problem={problem} />}
      {tokens.data !== null && (
        <ul className="rows">
          {[...live, ...revoked].map((token) => (
            <TokenRow key={token.id} token={token} isThisBrowser={token.id === currentTokenId} onRevoke={() => revoke(token.id)} />
          ))}
        </ul>
      )}
    </Section>
  );
}
