import type { ReactNode } from 'react';
import type { Problem } from '../lib/companion-error';
import { InlineText } from './InlineText';

export interface ProblemMessageProps {
  problem: Pick<Problem, 'message' | 'hints'> & Partial<Pick<Problem, 'issues'>>;
  tone?: 'error' | 'warning' | 'info';
  testId?: string;
  /** Smaller, for a problem inside a list row. */
  compact?: boolean;
  children?: ReactNode;
}

/** A problem in words: what happened, then what to do about it. */
export function ProblemMessage({ problem, tone = 'error', testId, compact = false, children }: ProblemMessageProps) {
  const hints = problem.hints.filter((hint) => hint.trim() !== '');
  const issues = problem.issues ?? [];
  return (
    <div className={`notice notice--${tone}${compact ? ' notice--compact' : ''}`} role={tone === 'error' ? 'alert' : 'status'} data-testid={testId}>
      <p className="notice__message">
        <InlineText text={problem.message} />
      </p>
      {issues.length > 1 && (
        <ul className="notice__list">
          {issues.map((issue) => (
            <li key={`${issue.path}:${issue.message}`}>
              <strong>{issue.path}</strong>: {issue.message}
            </li>
          ))}
        </ul>
      )}
      {hints.length > 0 && (
        <ul className="notice__list">
          {hints.map((hint) => (
            <li key={hint}>
              <InlineText text={hint} />
            </li>
          ))}
        </ul>
      )}
      {children}
    </div>
  );
}
