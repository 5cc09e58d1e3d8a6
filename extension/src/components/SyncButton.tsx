export interface SyncButtonProps {
  running: boolean;
  disabled?: boolean;
  onSync(): void;
}

export function SyncButton({ running, disabled = false, onSync }: SyncButtonProps) {
  return (
    <button
      type="button"
      className="button button--primary"
      data-testid="sync-now"
      data-state={running ? 'running' : 'idle'}
      aria-busy={running}
      disabled={running || disabled}
      onClick={onSync}
    >
      {running ? (
        <>
          <span className="spinner" aria-hidden="true" />
          Syncing…
        </>
      ) : (
        'Sync now'
      )}
    </button>
  );
}
