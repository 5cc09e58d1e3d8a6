import type { Problem } from '../lib/companion-error';
import { InlineText } from './InlineText';

export interface CompanionDownProps {
  problem: Problem;
  onRetry(): void;
  retrying: boolean;
}

/** The companion does not answer: say so plainly and how to start it. */
export function CompanionDown({ problem, onRetry, retrying }: CompanionDownProps) {
  const notRunning = problem.code === 'unreachable';
  return (
    <div className="state-card state-card--down" data-testid="companion-down" role="alert">
      <p className="state-card__title">
        {notRunning ? (
          <>
            The Omnifolio companion is not running. Start it with <code>npm start</code> in the Omnifolio folder.
          </>
        ) : (
          <InlineText text={problem.message} />
        )}
      </p>
      {problem.hints.slice(notRunning ? 1 : 0).map((hint) => (
        <p className="state-card__hint" key={hint}>
          <InlineText text={hint} />
        </p>
      ))}
      <button type="button" className="button" onClick={onRetry} disabled={retrying} aria-busy={retrying}>
        {retrying ? 'Checking…' : 'Check again'}
      </button>
    </div>
  );
}
