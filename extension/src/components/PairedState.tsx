import { companionBaseUrl } from '../lib/companion-client';
import type { Problem } from '../lib/companion-error';
import type { Pairing } from '../lib/settings';
import { ConfirmButton } from './ConfirmButton';
import { ProblemMessage } from './ProblemMessage';

export interface PairedStateProps {
  pairing: Pairing;
  /** Why the companion cannot be used right now (not running, token refused); null when fine. */
  problem: Problem | null;
  checking: boolean;
  onUnpair(): Promise<void>;
}

export function PairedState({ pairing, problem, checking, onUnpair }: PairedStateProps) {
  return (
    <div className="paired" data-testid="paired-state" data-healthy={problem === null && !checking}>
      <p className="paired__line">
        <span className={`dot ${problem === null ? (checking ? 'dot--muted' : 'dot--ok') : 'dot--error'}`} aria-hidden="true" />
        Paired with the companion at <code>{companionBaseUrl(pairing.port)}</code>
        {checking ? ' — checking…' : problem === null ? ' — connected.' : '.'}
      </p>
      {problem !== null && <ProblemMessage problem={problem} compact />}
      <div className="form__actions">
        <ConfirmButton
          label="Unpair"
          question="Unpair this browser? The companion revokes its token."
          confirmLabel="Unpair"
          testId="unpair"
          onConfirm={onUnpair}
        />
      </div>
    </div>
  );
}
