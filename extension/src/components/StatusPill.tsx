import type { ConnectionStatus } from '@omnifolio/shared/schemas';
import { connectionStatusTone, describeConnectionStatus } from '../lib/connection-status';

export function StatusPill({ status }: { status: ConnectionStatus }) {
  return (
    <span className={`pill pill--${connectionStatusTone(status)}`} data-status={status}>
      {describeConnectionStatus(status)}
    </span>
  );
}
