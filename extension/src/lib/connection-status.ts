import type { ConnectionStatus } from '@omnifolio/shared/schemas';

/** A connection's status in words, for a pill next to its name. */
export function describeConnectionStatus(status: ConnectionStatus): string {
  switch (status) {
    case 'new':
      return 'Not synced yet';
    case 'ok':
      return 'Up to date';
    case 'syncing':
      return 'Syncing…';
    case 'error':
      return 'Sync failed';
    case 'paused':
      return 'Paused';
  }
}

export type StatusTone = 'ok' | 'busy' | 'error' | 'muted';

export function connectionStatusTone(status: ConnectionStatus): StatusTone {
  switch (status) {
    case 'ok':
      return 'ok';
    case 'syncing':
      return 'busy';
    case 'error':
      return 'error';
    case 'new':
    case 'paused':
      return 'muted';
  }
}
