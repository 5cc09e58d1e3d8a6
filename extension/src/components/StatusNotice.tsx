import type { UseOverviewResult } from '../hooks/useOverview';
import { CompanionDown } from './CompanionDown';
import { NotPaired } from './NotPaired';
import { ProblemMessage } from './ProblemMessage';

export interface StatusNoticeProps {
  overview: UseOverviewResult;
  onOpenOptions: (() => void) | null;
}

/** Why the numbers below are missing or may be old, in words; nothing when all is well. */
export function StatusNotice({ overview, onOpenOptions }: StatusNoticeProps) {
  const { phase, problem, sync } = overview;
  return (
    <>
      {phase === 'down' && problem !== null && <CompanionDown problem={problem} onRetry={() => void overview.refresh()} retrying={overview.refreshing} />}
      {phase === 'not-paired' && problem !== null && <NotPaired problem={problem} onOpenOptions={onOpenOptions} />}
      {phase === 'failed' && problem !== null && <ProblemMessage problem={problem} testId="overview-error" />}
      {sync.problem !== null && <ProblemMessage problem={sync.problem} testId="sync-error" />}
      {sync.notice !== null && <ProblemMessage problem={{ message: sync.notice, hints: [] }} tone="info" />}
    </>
  );
}
