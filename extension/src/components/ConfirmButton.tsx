import { type KeyboardEvent, useState } from 'react';

export interface ConfirmButtonProps {
  label: string;
  /** The question asked before acting, e.g. "Remove Binance and its data?" */
  question: string;
  confirmLabel: string;
  onConfirm(): Promise<void>;
  testId?: string;
  disabled?: boolean;
  /** Matches `button--small` neighbours in a list row. */
  small?: boolean;
}

/**
 * A destructive action that asks first, in place (no browser dialog): the first press shows
 * the question with Confirm and Cancel (focus moves to Confirm); Escape cancels.
 */
export function ConfirmButton({ label, question, confirmLabel, onConfirm, testId, disabled = false, small = false }: ConfirmButtonProps) {
  const size = small ? ' button--small' : '';
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);

  if (!asking) {
    return (
      <button type="button" className={`button button--quiet-danger${size}`} data-testid={testId} disabled={disabled} onClick={() => setAsking(true)}>
        {label}
      </button>
    );
  }
  const cancelOnEscape = (event: KeyboardEvent) => {
    if (event.key === 'Escape') setAsking(false);
  };
  return (
    <span className="confirm">
      <span className="confirm__question">{question}</span>
      <button
        type="button"
        className={`button button--danger${size}`}
        data-testid={testId === undefined ? undefined : `${testId}-confirm`}
        onKeyDown={cancelOnEscape}
        disabled={busy}
        aria-busy={busy}
        // biome-ignore lint/a11y/noAutofocus: focus moves to the choice the person just asked for
        autoFocus
        onClick={async () => {
          setBusy(true);
          try {
            await onConfirm();
          } finally {
            setBusy(false);
            setAsking(false);
          }
        }}
      >
        {busy ? 'Working…' : confirmLabel}
      </button>
      <button type="button" className={`button${size}`} disabled={busy} onClick={() => setAsking(false)} onKeyDown={cancelOnEscape}>
        Cancel
      </button>
    </span>
  );
}
