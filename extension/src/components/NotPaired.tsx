import type { Problem } from '../lib/companion-error';
import { InlineText } from './InlineText';

export interface NotPairedProps {
  problem: Problem;
  /** Opens the extension's options page; absent on the companion's own page. */
  onOpenOptions: (() => void) | null;
}

/** The companion runs but will not share data with us yet. */
export function NotPaired({ problem, onOpenOptions }: NotPairedProps) {
  return (
    <div className="state-card" data-testid="not-paired" role="status">
      <p className="state-card__title">{problem.code === 'not_paired' ? 'Not paired yet' : <InlineText text={problem.message} />}</p>
      {problem.code === 'not_paired' ? (
        <p className="state-card__hint">
          The companion is running. Pair this browser with it once: open the options, then enter the pairing code the companion printed in its terminal.
        </p>
      ) : (
        problem.hints.map((hint) => (
          <p className="state-card__hint" key={hint}>
            <InlineText text={hint} />
          </p>
        ))
      )}
      {onOpenOptions && (
        <button type="button" className="button button--primary" onClick={onOpenOptions}>
          Open options to pair
        </button>
      )}
    </div>
  );
}
