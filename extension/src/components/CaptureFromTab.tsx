import { useEffect, useState } from 'react';
import { type CaptureTab, captureFromTab, findCaptureTab } from '../capture/capture-from-tab';

/**
 * "Capture from this tab" in the popup, shown when the active tab is SwissBorg's, frankly's
 * or Finpension's web app (or a hostname added for them). The capture itself runs on the page.
 */
export function CaptureFromTab() {
  const [tab, setTab] = useState<CaptureTab | null>(null);
  const [state, setState] = useState<{ kind: 'idle' } | { kind: 'started' } | { kind: 'denied' } | { kind: 'error'; message: string }>({ kind: 'idle' });

  useEffect(() => {
    void findCaptureTab().then(setTab, () => setTab(null));
  }, []);

  if (tab === null) return null;
  return (
    <div className="card" data-testid="capture-from-tab" style={{ margin: '8px', padding: '10px 12px' }}>
      <button
        type="button"
        className="button button--primary"
        onClick={() =>
          // No await before captureFromTab: the permission prompt needs this click's gesture.
          void captureFromTab(tab).then(
            (result) => setState({ kind: result }),
            (error: unknown) => setState({ kind: 'error', message: error instanceof Error ? error.message : String(error) }),
          )
        }
      >
        Capture from this tab
      </button>
      <p className="text-muted" style={{ margin: '6px 0 0' }}>
        {state.kind === 'idle' && `Reads the statements and tables ${tab.provider.name} shows on ${tab.host} and sends them to your companion.`}
        {state.kind === 'started' && 'Capture started: follow it on the page.'}
        {state.kind === 'denied' && `Nothing was read: access to ${tab.host} was not granted.`}
        {state.kind === 'error' && `The capture could not start: ${state.message}. Reload the page and try again.`}
      </p>
    </div>
  );
}
