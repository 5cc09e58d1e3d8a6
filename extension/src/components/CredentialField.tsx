import type { ProviderView } from '@omnifolio/shared/api';
import { useId } from 'react';
import { InlineText } from './InlineText';

export interface CredentialFieldProps {
  spec: ProviderView['credentials'][number];
  value: string;
  /** The companion's complaint about this field, if any. */
  error: string | null;
  onChange(value: string): void;
}

/** One credential input, as the provider's spec describes it; secrets are password inputs. */
export function CredentialField({ spec, value, error, onChange }: CredentialFieldProps) {
  const helpId = useId();
  const errorId = useId();
  return (
    <label className="field">
      <span className="field__label">
        {spec.label}
        {spec.optional === true && <span className="text-muted"> (optional)</span>}
      </span>
      <input
        className="input input--mono"
        type={spec.secret ? 'password' : 'text'}
        data-testid={`credential-${spec.key}`}
        name={spec.key}
        autoComplete="off"
        spellCheck={false}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        aria-invalid={error !== null}
        aria-describedby={[spec.help ? helpId : null, error !== null ? errorId : null].filter(Boolean).join(' ') || undefined}
      />
      {spec.help !== '' && (
        <span className="field__help" id={helpId}>
          <InlineText text={spec.help} />
        </span>
      )}
      {error !== null && (
        <span className="field__error" id={errorId}>
          {error}
        </span>
      )}
    </label>
  );
}
