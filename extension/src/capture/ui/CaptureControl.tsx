import { useCallback, useEffect, useRef, useState } from 'react';
import type { CaptureProvider } from '../capture-provider';
import type { CapturePhase } from '../run-capture';
import { CaptureProgressList } from './CaptureProgressList';
import { ConsentDialog } from './ConsentDialog';

export interface CaptureControlProps {
  provider: CaptureProvider;
  /** Runs one capture; calls back with each phase and asks for consent through `askConsent`. */
  capture: (callbacks: { onProgress: (phase: CapturePhase) => void; askConsent: (text: string) => Promise<boolean> }) => Promise<unknown>;
  /** Lets the popup's "Capture from this tab" press the same button. */
  registerTrigger: (trigger: () => void) => void;
}

/** The button on the provider's page and the panel that shows consent, progress and results. */
export function CaptureControl({ provider, capture, registerTrigger }: CaptureControlProps) {
  const [phase, setPhase] = useState<CapturePhase | null>(null);
  const [consent, setConsent] = useState<{ text: string; answer: (agreed: boolean) => void } | null>(null);
  const running = useRef(false);

  const start = useCallback(() => {
    if (running.current) return;
    running.current = true;
    void capture({
      onProgress: setPhase,
      askConsent: (text) => new Promise<boolean>((resolve) => setConsent({ text, answer: resolve })),
    }).finally(() => {
      running.current = false;
    });
  }, [capture]);

  useEffect(() => registerTrigger(start), [registerTrigger, start]);

  const busy = phase?.phase === 'checking' || phase?.phase === 'capturing' || phase?.phase === 'consent';
  return (
    <div className="dock">
      {phase !== null && (
        <div className="panel" data-testid="capture-panel" data-phase={phase.phase}>
          {!busy && (
            <button type="button" className="close" aria-label="Close" onClick={() => setPhase(null)}>
              ×
            </button>
          )}
          {phase.phase === 'checking' && <p className="muted">Checking with the Omnifolio companion…</p>}
          {phase.phase === 'consent' && consent && (
            <ConsentDialog
              providerName={provider.name}
              text={consent.text}
              onAnswer={(agreed) => {
                consent.answer(agreed);
                setConsent(null);
              }}
            />
          )}
          {phase.phase === 'declined' && <p className="muted">Nothing was read. Capture asks again next time.</p>}
          {phase.phase === 'failed' && (
            <div data-testid="capture-problem">
              <p className="problem">{phase.message}</p>
              {phase.hints.map((hint) => (
                <p className="muted" key={hint}>
                  {hint}
                </p>
              ))}
            </div>
          )}
          {(phase.phase === 'capturing' || phase.phase === 'finished') && (
            <>
              <h2 data-testid="capture-heading">{phase.phase === 'finished' ? `Captured from ${provider.name}` : `Capturing from ${provider.name}…`}</h2>
              <CaptureProgressList items={phase.items} />
            </>
          )}
        </div>
      )}
      <button type="button" className="capture-button" onClick={start} disabled={busy} data-testid="capture-button">
        {busy ? 'Capturing…' : 'Capture statements to Omnifolio'}
      </button>
    </div>
  );
}
