import { type FormEvent, useState } from 'react';
import { addHost, parseHostname } from '../capture/capture-hosts';
import type { CaptureProviderId } from '../capture/capture-provider';
import { CAPTURE_PROVIDERS, providerForHost } from '../capture/providers';

/**
 * "A provider moved": the person adds the new hostname of its web app. It is saved, then
 * asked for as an optional host permission (`onAdded` runs inside this submit's gesture).
 */
export function AddCaptureHostForm({ onAdded }: { onAdded: (host: string) => void }) {
  const [providerId, setProviderId] = useState<CaptureProviderId>('swissborg');
  const [input, setInput] = useState('');
  const [problem, setProblem] = useState<string | null>(null);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const host = parseHostname(input);
    if (!host) {
      setProblem(`“${input}” is not a hostname. Type it as app.example.com (or paste an https:// address).`);
      return;
    }
    const owner = providerForHost(host);
    if (owner && owner.id !== providerId) {
      setProblem(`${host} already belongs to ${owner.name}.`);
      return;
    }
    setProblem(null);
    setInput('');
    // Ask first, while the click still counts as a gesture; storing can follow.
    onAdded(host);
    void addHost(providerId, host);
  };

  return (
    <form className="form__row" onSubmit={submit} data-testid="capture-add-host">
      <label>
        Provider moved?{' '}
        <select value={providerId} onChange={(e) => setProviderId(e.target.value as CaptureProviderId)} data-testid="capture-add-host-provider">
          {CAPTURE_PROVIDERS.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </select>
      </label>{' '}
      <input
        type="text"
        value={input}
        onChange={(e) => setInput(e.target.value)}
        placeholder="new.web-app.hostname"
        aria-label="New hostname"
        data-testid="capture-add-host-input"
      />{' '}
      <button type="submit" className="button button--small">
        Add hostname
      </button>
      {problem && (
        <p className="text-muted" role="alert" data-testid="capture-add-host-problem">
          {problem}
        </p>
      )}
    </form>
  );
}
