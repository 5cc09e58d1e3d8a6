export interface ConsentDialogProps {
  providerName: string;
  text: string;
  onAnswer: (agreed: boolean) => void;
}

/** The first capture from a provider: exactly what will be read and stored, and a choice. */
export function ConsentDialog({ providerName, text, onAnswer }: ConsentDialogProps) {
  return (
    <div role="dialog" aria-modal="true" aria-labelledby="omnifolio-consent-title" data-testid="capture-consent">
      <h2 id="omnifolio-consent-title">Allow Omnifolio to capture from {providerName}?</h2>
      <p className="consent-text" data-testid="capture-consent-text">
        {text}
      </p>
      <div className="actions">
        <button type="button" onClick={() => onAnswer(false)} data-testid="capture-consent-decline">
          Not now
        </button>
        <button type="button" className="primary" onClick={() => onAnswer(true)} data-testid="capture-consent-accept">
          Agree and capture
        </button>
      </div>
    </div>
  );
}
