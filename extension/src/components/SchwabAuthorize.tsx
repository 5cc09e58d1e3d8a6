import { useEffect, useState } from 'react';
import { useEnvironment } from '../hooks/EnvironmentContext';
import { type Problem, toProblem } from '../lib/companion-error';
import { callbackPermission } from '../lib/schwab-callback';
import { ProblemMessage } from './ProblemMessage';

/** Schwab's default callback as schwab-py registers it; the companion uses the same default. */
const DEFAULT_CALLBACK_URL = 'https://127.0.0.1:8182';

export type SchwabAuthorizeTarget =
  | { kind: 'new'; label: string; appKey: string; appSecret: string; callbackUrl: string; syncIntervalMinutes: number }
  | { kind: 'reauthorize'; connectionId: string };

export interface SchwabAuthorizeProps {
  target: SchwabAuthorizeTarget;
  /** Called once the companion has the tokens (connection added or re-authorized). */
  onDone(label: string): void;
  small?: boolean;
}

/**
 * “Authorize with Schwab” (or “Re-authorize”): the companion issues a sign-in bound to a random
 * state; Schwab's login opens in a tab, which the background worker watches until it reaches the
 * callback URL (with the callback host permission, asked for now and optional); the address is
 * handed to the companion, which exchanges the code. Pasting the address is always possible too.
 */
export function SchwabAuthorize({ target, onDone, small = false }: SchwabAuthorizeProps) {
  const environment = useEnvironment();
  const [started, setStarted] = useState<{ state: string; callbackUrl: string; watched: boolean } | null>(null);
  const [address, setAddress] = useState('');
  const [busy, setBusy] = useState<'start' | 'finish' | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [done, setDone] = useState<string | null>(null);

  // The background worker reports how the watched sign-in ended; show it and close the sign-in.
  useEffect(() => {
    if (started === null || !started.watched) return;
    return environment.schwab.onOutcome(started.state, (outcome) => {
      if (outcome.ok) finished(outcome.label ?? '');
      else
        setProblem({
          code: 'auth_failed',
          message: outcome.message ?? 'Schwab did not complete the sign-in.',
          hints: ['Paste the address from the Schwab tab below, or start again.'],
        });
    });
  });

  function finished(label: string) {
    setStarted(null);
    setAddress('');
    setDone(target.kind === 'new' ? `${label} is authorized and syncing now.` : `${label} is re-authorized for 7 more days.`);
    onDone(label);
  }

  async function start() {
    setProblem(null);
    setDone(null);
    // Asked first, while the click still counts as the person's gesture: without it the browser refuses.
    const callbackGuess = target.kind === 'new' ? target.callbackUrl || DEFAULT_CALLBACK_URL : DEFAULT_CALLBACK_URL;
    const watchable = await environment.schwab.requestCallbackAccess(callbackGuess);
    setBusy('start');
    try {
      const client = await environment.schwab.client();
      const view = await client.start(
        target.kind === 'new'
          ? {
              label: target.label,
              appKey: target.appKey,
              appSecret: target.appSecret,
              ...(target.callbackUrl ? { callbackUrl: target.callbackUrl } : {}),
              syncIntervalMinutes: target.syncIntervalMinutes,
            }
          : { connectionId: target.connectionId },
      );
      const watched = watchable && callbackPermission(view.callbackUrl) === callbackPermission(callbackGuess);
      await environment.schwab.open({ state: view.state, authorizeUrl: view.authorizeUrl, callbackUrl: view.callbackUrl }, watched);
      setStarted({ state: view.state, callbackUrl: view.callbackUrl, watched });
    } catch (error) {
      setProblem(toProblem(error));
    } finally {
      setBusy(null);
    }
  }

  async function finish() {
    if (started === null) return;
    setBusy('finish');
    setProblem(null);
    try {
      const connection = await (await environment.schwab.client()).complete(started.state, address);
      finished(connection.label);
    } catch (error) {
      setProblem(toProblem(error));
    } finally {
      setBusy(null);
    }
  }

  return (
    <div className="schwab-authorize" data-testid="schwab-authorize">
      <button
        type="button"
        className={`button ${small ? 'button--small' : 'button--primary'}`}
        data-testid={target.kind === 'new' ? 'schwab-authorize-start' : 'schwab-reauthorize'}
        disabled={busy !== null}
        aria-busy={busy === 'start'}
        onClick={() => void start()}
      >
        {busy === 'start' ? 'Opening Schwab…' : target.kind === 'new' ? 'Authorize with Schwab' : 'Re-authorize'}
      </button>
      {started !== null && (
        <div className="form" data-testid="schwab-paste">
          <p className="form__help">
            Sign in at Schwab in the tab that opened and allow access to your accounts. Schwab then sends the browser to {started.callbackUrl}, which shows an
            error page: that is expected.{' '}
            {started.watched
              ? 'Omnifolio picks the address up by itself; if nothing happens, copy the whole address from that tab’s address bar and paste it here.'
              : 'Copy the whole address from that tab’s address bar and paste it here, within a few seconds (Schwab’s code expires after about 30 seconds).'}
          </p>
          <label className="field">
            <span className="field__label">Address after signing in</span>
            <input
              className="input input--mono"
              data-testid="schwab-redirect-url"
              value={address}
              placeholder={`${started.callbackUrl}/?code=…&session=…`}
              spellCheck={false}
              autoComplete="off"
              onChange={(event) => setAddress(event.target.value)}
            />
          </label>
          <div className="form__actions">
            <button
              type="button"
              className="button"
              data-testid="schwab-finish"
              disabled={busy !== null || address.trim() === ''}
              aria-busy={busy === 'finish'}
              onClick={() => void finish()}
            >
              {busy === 'finish' ? 'Finishing…' : 'Finish'}
            </button>
          </div>
        </div>
      )}
      {problem !== null && <ProblemMessage problem={problem} compact={small} testId="schwab-problem" />}
      {done !== null && (
        <div className="notice notice--ok" role="status" data-testid="schwab-done">
          <p className="notice__message">{done}</p>
        </div>
      )}
    </div>
  );
}
