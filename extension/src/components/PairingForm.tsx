import { type FormEvent, useId, useState } from 'react';
import { type Problem, toProblem } from '../lib/companion-error';
import { ProblemMessage } from './ProblemMessage';

export interface PairingFormProps {
  initialPort: number;
  onPair(port: number, code: string): Promise<void>;
}

/** Port and one-time code → token. */
export function PairingForm({ initialPort, onPair }: PairingFormProps) {
  const [port, setPort] = useState(String(initialPort));
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  const portHelp = useId();
  const codeHelp = useId();

  async function submit(event: FormEvent) {
    event.preventDefault();
    const portNumber = Number(port.trim());
    if (!/^\d+$/.test(port.trim()) || portNumber < 1 || portNumber > 65535) {
      setProblem({
        code: 'validation_failed',
        message: 'The port must be a whole number from 1 to 65535.',
        hints: ['The companion prints its port when it starts; unless you changed it, it is 47821.'],
      });
      return;
    }
    if (code.trim() === '') {
      setProblem({
        code: 'validation_failed',
        message: 'Enter the pairing code.',
        hints: ['The companion prints it in its terminal as “Pairing code: XXXX-XXXX”.'],
      });
      return;
    }
    setBusy(true);
    setProblem(null);
    try {
      await onPair(portNumber, code);
    } catch (error) {
      setProblem(toProblem(error));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="form" onSubmit={submit} noValidate>
      <div className="form__row">
        <label className="field field--narrow">
          <span className="field__label">Port</span>
          <input
            className="input"
            data-testid="pair-port"
            inputMode="numeric"
            autoComplete="off"
            value={port}
            onChange={(event) => setPort(event.target.value)}
            aria-describedby={portHelp}
          />
          <span className="field__help" id={portHelp}>
            Default 47821
          </span>
        </label>
        <label className="field">
          <span className="field__label">Pairing code</span>
          <input
            className="input input--code"
            data-testid="pair-code"
            autoComplete="off"
            spellCheck={false}
            placeholder="ABCD-EFGH"
            value={code}
            onChange={(event) => setCode(event.target.value)}
            aria-describedby={codeHelp}
          />
          <span className="field__help" id={codeHelp}>
            Printed by the companion when it starts; valid once, for 10 minutes.
          </span>
        </label>
      </div>
      {problem !== null && <ProblemMessage problem={problem} testId="form-error" />}
      <div className="form__actions">
        <button type="submit" className="button button--primary" data-testid="pair-submit" disabled={busy} aria-busy={busy}>
          {busy ? 'Pairing…' : 'Pair'}
        </button>
      </div>
    </form>
  );
}
