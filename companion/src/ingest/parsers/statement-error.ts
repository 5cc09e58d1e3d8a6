import { BaseError, type BaseErrorOptions, type ErrorCode } from '@omnifolio/shared/errors';

export interface StatementErrorOptions extends BaseErrorOptions {
  /** Where: `row 12, column amount`, `page 3, line 14`, `sheet Transactions`. */
  location?: string;
  /** `layout_changed` when the file is of a known kind but no longer matches; else validation. */
  code?: Extract<ErrorCode, 'layout_changed' | 'validation_failed' | 'not_supported'>;
}

/**
 * A statement that cannot be read, with where the problem is. The document is kept and
 * marked failed with this message, so the user can fix the file or wait for a parser fix
 * and reprocess.
 */
export class StatementError extends BaseError {
  override name = 'StatementError';
  override readonly code: ErrorCode;
  override readonly status = 422;
  readonly location: string | null;

  constructor(shortMessage: string, options: StatementErrorOptions = {}) {
    super(options.location ? `${options.location}: ${shortMessage}` : shortMessage, options);
    this.code = options.code ?? 'validation_failed';
    this.location = options.location ?? null;
  }
}
