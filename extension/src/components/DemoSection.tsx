import type { ConnectionView } from '@omnifolio/shared/api';
import { useState } from 'react';
import { useEnvironment } from '../hooks/EnvironmentContext';
import { type Problem, toProblem } from '../lib/companion-error';
import { plural } from '../lib/format';
import { ConfirmButton } from './ConfirmButton';
import { ProblemMessage } from './ProblemMessage';
import { Section } from './Section';

export interface DemoSectionProps {
  connections: ConnectionView[];
  onChanged(): void;
}

/**
 * The demo portfolio runs against simulated exchanges inside the companion. Offer to remove it
 * when it exists, and to load it when there is nothing else to look at.
 */
export function DemoSection({ connections, onChanged }: DemoSectionProps) {
  const environment = useEnvironment();
  const [problem, setProblem] = useState<Problem | null>(null);
  const [loading, setLoading] = useState(false);
  const demos = connections.filter((c) => c.demo);
  if (demos.length === 0 && connections.length > 0) return null;

  async function run(action: 'remove' | 'create') {
    setProblem(null);
    try {
      const { client } = await environment.access();
      if (action === 'remove') await client.removeDemo();
      else await client.createDemo();
    } catch (error) {
      setProblem(toProblem(error));
    } finally {
      onChanged();
    }
  }

  return (
    <Section
      id="demo"
      title="Demo portfolio"
      description={
        demos.length > 0
          ? `${plural(demos.length, 'connection')} labelled “Demo” run against simulated exchanges and prices, so you can see how Omnifolio works. Their numbers are not real money.`
          : 'See how Omnifolio works with made-up balances from simulated exchanges. Adding a real connection removes it.'
      }
    >
      {problem !== null && <ProblemMessage problem={problem} />}
      <div className="form__actions">
        {demos.length > 0 ? (
          <ConfirmButton
            label="Remove demo portfolio"
            question="Remove the demo connections and their data?"
            confirmLabel="Remove demo"
            testId="remove-demo"
            onConfirm={() => run('remove')}
          />
        ) : (
          <button
            type="button"
            className="button"
            disabled={loading}
            aria-busy={loading}
            onClick={async () => {
              setLoading(true);
              await run('create');
              setLoading(false);
            }}
          >
            {loading ? 'Loading…' : 'Load demo portfolio'}
          </button>
        )}
      </div>
    </Section>
  );
}
