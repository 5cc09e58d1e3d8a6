import type { ConnectionView, ProviderView, TestConnectionResult } from '@omnifolio/shared/api';
import { type FormEvent, useId, useMemo, useState } from 'react';
import { useEnvironment } from '../hooks/EnvironmentContext';
import { type Problem, toProblem } from '../lib/companion-error';
import { plural } from '../lib/format';
import { CredentialField } from './CredentialField';
import { InlineText } from './InlineText';
import { ProblemMessage } from './ProblemMessage';
import { SchwabAuthorize } from './SchwabAuthorize';

export interface AddConnectionFormProps {
  providers: ProviderView[];
  /** A demo portfolio exists: saving a real connection replaces it. */
  hasDemo: boolean;
  onSaved(connection: ConnectionView): void;
  /** A connection was added by signing in at the provider (Schwab) rather than by Save. */
  onAuthorized?(): void;
}

const SYNC_INTERVALS: { minutes: number; label: string }[] = [
  { minutes: 15, label: 'every 15 minutes' },
  { minutes: 60, label: 'every hour' },
  { minutes: 360, label: 'every 6 hours' },
  { minutes: 1440, label: 'once a day' },
];

interface Tested {
  /** What was tested; editing a credential afterwards requires a new test. */
  fingerprint: string;
  result: TestConnectionResult;
}

/**
 * Adds a connection: pick a provider, fill in what its spec asks for, test, then save.
 * Save stays off until the exact credentials on screen have passed a test, so warnings
 * (a key that can trade) are always seen before anything is stored.
 */
export function AddConnectionForm({ providers, hasDemo, onSaved, onAuthorized }: AddConnectionFormProps) {
  const environment = useEnvironment();
  const [providerId, setProviderId] = useState(providers.length === 1 ? (providers[0]?.id ?? '') : '');
  const [label, setLabel] = useState(providers.length === 1 ? (providers[0]?.name ?? '') : '');
  const [values, setValues] = useState<Record<string, string>>({});
  const [interval, setSyncInterval] = useState(60);
  const [tested, setTested] = useState<Tested | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState<'test' | 'save' | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const providerHelp = useId();

  const provider = providers.find((p) => p.id === providerId) ?? null;
  const credentials = useMemo(() => {
    const result: Record<string, string> = {};
    for (const spec of provider?.credentials ?? []) result[spec.key] = (values[spec.key] ?? '').trim();
    return result;
  }, [provider, values]);
  const fingerprint = JSON.stringify([providerId, credentials]);
  const currentTest = tested !== null && tested.fingerprint === fingerprint ? tested.result : null;

  const fieldErrors = new Map<string, string>();
  for (const issue of problem?.issues ?? []) {
    const key = issue.path.replace(/^credentials\./, '');
    if (issue.path.startsWith('credentials.')) fieldErrors.set(key, issue.message);
  }

  function chooseProvider(id: string) {
    const next = providers.find((p) => p.id === id) ?? null;
    // Keep a label the person typed; replace one that was only the previous provider's name.
    if (label.trim() === '' || providers.some((p) => p.name === label)) setLabel(next?.name ?? '');
    setProviderId(id);
    setValues({});
    setTested(null);
    setProblem(null);
    setSaved(null);
  }

  function missingFields(): Problem | null {
    if (provider === null) return { code: 'validation_failed', message: 'Choose a provider first.', hints: [] };
    const missing = provider.credentials.filter((spec) => !spec.optional && credentials[spec.key] === '').map((spec) => spec.label);
    if (missing.length > 0) {
      return { code: 'validation_failed', message: `Fill in: ${missing.join(', ')}.`, hints: [] };
    }
    if (label.trim() === '') {
      return { code: 'validation_failed', message: 'Give the connection a name, such as “Binance main”.', hints: [] };
    }
    return null;
  }

  async function test() {
    const invalid = missingFields();
    setSaved(null);
    if (invalid !== null) {
      setProblem(invalid);
      return;
    }
    setBusy('test');
    setProblem(null);
    try {
      const { client } = await environment.access();
      const result = await client.testConnection({ providerId, label: label.trim(), credentials });
      setTested({ fingerprint, result });
      if (!result.ok) {
        setProblem({
          code: 'test_failed',
          message: 'The companion could not confirm these credentials.',
          hints: ['Check each field against the provider’s API key page and test again.'],
        });
      }
    } catch (error) {
      setTested(null);
      setProblem(toProblem(error));
    } finally {
      setBusy(null);
    }
  }

  async function save(event: FormEvent) {
    event.preventDefault();
    if (currentTest === null || !currentTest.ok) return;
    setBusy('save');
    setProblem(null);
    try {
      const { client } = await environment.access();
      const connection = await client.createConnection({
        providerId,
        label: label.trim(),
        credentials,
        syncIntervalMinutes: interval,
      });
      setValues({});
      setLabel('');
      setTested(null);
      setSaved(`${connection.label} is saved and syncing now.`);
      onSaved(connection);
    } catch (error) {
      setProblem(toProblem(error));
    } finally {
      setBusy(null);
    }
  }

  return (
    <form className="form" onSubmit={save} noValidate aria-label="Add a connection">
      <div className="form__row">
        <label className="field">
          <span className="field__label">Provider</span>
          <select
            className="input"
            data-testid="provider-select"
            value={providerId}
            onChange={(event) => chooseProvider(event.target.value)}
            aria-describedby={provider?.help ? providerHelp : undefined}
          >
            <option value="" disabled>
              Choose a provider…
            </option>
            {providers
              .filter((p) => p.tested)
              .map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                </option>
              ))}
            {providers.some((p) => !p.tested) && (
              <optgroup label="Untested exchanges (through ccxt)">
                {providers
                  .filter((p) => !p.tested)
                  .map((p) => (
                    <option key={p.id} value={p.id}>
                      {p.name} (untested)
                    </option>
                  ))}
              </optgroup>
            )}
          </select>
        </label>
        <label className="field">
          <span className="field__label">Name</span>
          <input
            className="input"
            data-testid="connection-label"
            value={label}
            maxLength={80}
            placeholder="Binance main"
            onChange={(event) => setLabel(event.target.value)}
          />
        </label>
      </div>

      {provider !== null && (
        <>
          {!provider.tested && (
            <div className="notice notice--warning" role="note" data-testid="untested-provider">
              <p className="notice__message">
                Untested: Omnifolio reaches {provider.name} through ccxt’s generic support and has not verified it against a simulator of this exchange, so
                balances or history may be incomplete, and it cannot check that your key is read-only.
              </p>
            </div>
          )}
          {provider.help !== '' && (
            <p className="form__help" id={providerHelp}>
              <InlineText text={provider.help} />
            </p>
          )}
          <p className="form__help" data-testid="provider-updates">
            {provider.live
              ? 'Updates live: while a dashboard or the popup is open, the companion follows this account’s stream and stores each change at once. Scheduled syncs bring the history.'
              : 'Updates by sync: on the schedule below and when you press Sync; an open dashboard shows each sync’s result as soon as it finishes.'}
          </p>
          {provider.credentials.map((spec) => (
            <CredentialField
              key={`${provider.id}:${spec.key}`}
              spec={spec}
              value={values[spec.key] ?? ''}
              error={fieldErrors.get(spec.key) ?? null}
              onChange={(value) => setValues((v) => ({ ...v, [spec.key]: value }))}
            />
          ))}
          <label className="field field--narrow">
            <span className="field__label">Sync</span>
            <select className="input" value={interval} onChange={(event) => setSyncInterval(Number(event.target.value))}>
              {SYNC_INTERVALS.map((option) => (
                <option key={option.minutes} value={option.minutes}>
                  {option.label}
                </option>
              ))}
            </select>
          </label>
          {provider.id === 'schwab' && (
            <>
              <SchwabAuthorize
                target={{
                  kind: 'new',
                  label: label.trim(),
                  appKey: credentials.appKey ?? '',
                  appSecret: credentials.appSecret ?? '',
                  callbackUrl: credentials.callbackUrl ?? '',
                  syncIntervalMinutes: interval,
                }}
                onDone={() => onAuthorized?.()}
              />
              <p className="form__help">Already have a refresh token for this app? Paste it above, then Test connection and Save.</p>
            </>
          )}
        </>
      )}

      {problem !== null && <ProblemMessage problem={problem} testId="form-error" />}
      {currentTest?.ok === true && (
        <div className="notice notice--ok" role="status" data-testid="test-result">
          <p className="notice__message">The credentials work: the companion can read {plural(currentTest.accounts, 'account')}.</p>
        </div>
      )}
      {currentTest !== null && currentTest.warnings.length > 0 && (
        <ProblemMessage
          tone="warning"
          testId="form-warning"
          problem={
            currentTest.warnings.length === 1
              ? { message: currentTest.warnings[0] ?? '', hints: [] }
              : { message: 'Read this before saving:', hints: currentTest.warnings }
          }
        />
      )}
      {saved !== null && (
        <div className="notice notice--ok" role="status" data-testid="form-saved">
          <p className="notice__message">{saved}</p>
        </div>
      )}

      <div className="form__actions">
        <button type="button" className="button" data-testid="test-connection" onClick={() => void test()} disabled={busy !== null} aria-busy={busy === 'test'}>
          {busy === 'test' ? 'Testing…' : 'Test connection'}
        </button>
        <button
          type="submit"
          className="button button--primary"
          data-testid="save-connection"
          disabled={busy !== null || currentTest === null || !currentTest.ok}
          aria-busy={busy === 'save'}
        >
          {busy === 'save' ? 'Saving…' : 'Save'}
        </button>
        <span className="form__note">
          {currentTest === null
            ? 'Test the connection first; the companion refuses keys that can withdraw.'
            : hasDemo
              ? 'Saving replaces the demo portfolio.'
              : ''}
        </span>
      </div>
    </form>
  );
}
