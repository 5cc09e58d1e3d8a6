import { BaseError, type BaseErrorOptions, type ErrorCode, type RetryPolicy } from './base-error.js';

export interface FieldIssue {
  path: string;
  message: string;
}

export class ValidationError extends BaseError {
  override name = 'ValidationError';
  override readonly code: ErrorCode = 'validation_failed';
  override readonly status = 400;
  readonly issues: FieldIssue[];
  constructor(shortMessage: string, issues: FieldIssue[] = [], options: BaseErrorOptions = {}) {
    super(shortMessage, options);
    this.issues = issues;
  }
}

/** The request carries no valid companion token (API level, not a provider's key). */
export class UnauthorizedError extends BaseError {
  override name = 'UnauthorizedError';
  override readonly code: ErrorCode = 'unauthorized';
  override readonly status = 401;
}

export class ForbiddenError extends BaseError {
  override name = 'ForbiddenError';
  override readonly code: ErrorCode = 'forbidden';
  override readonly status = 403;
}

export class NotFoundError extends BaseError {
  override name = 'NotFoundError';
  override readonly code: ErrorCode = 'not_found';
  override readonly status = 404;
}

export class ConflictError extends BaseError {
  override name = 'ConflictError';
  override readonly code: ErrorCode = 'conflict';
  override readonly status = 409;
}

/** A provider refused the credentials (bad key, wrong passphrase, IP not whitelisted). Never retried. */
export class AuthError extends BaseError {
  override name = 'AuthError';
  override readonly code: ErrorCode = 'auth_failed';
  override readonly status = 422;
}

/** The key can do more than read (withdraw, or trade where we refuse it). Never retried. */
export class PermissionError extends BaseError {
  override name = 'PermissionError';
  override readonly code: ErrorCode = 'permission_too_broad';
  override readonly status = 422;
}

/** The provider asked us to slow down. Retried after the wait it named. */
export class RateLimitedError extends BaseError {
  override name = 'RateLimitedError';
  override readonly code: ErrorCode = 'rate_limited';
  override readonly status = 429;
  override readonly retry: RetryPolicy;
  readonly retryAfterMs: number;
  constructor(shortMessage: string, retryAfterMs: number, options: BaseErrorOptions = {}) {
    super(shortMessage, options);
    this.retryAfterMs = retryAfterMs;
    this.retry = { kind: 'after', afterMs: retryAfterMs };
  }
}

/** The provider is down, in maintenance, timed out or answered nonsense. Retried with backoff. */
export class UnavailableError extends BaseError {
  override name = 'UnavailableError';
  override readonly code: ErrorCode = 'unavailable';
  override readonly status = 503;
  override readonly retry: RetryPolicy = { kind: 'backoff' };
}

/** Our clock and the provider's disagree by more than its receive window. */
export class ClockSkewError extends BaseError {
  override name = 'ClockSkewError';
  override readonly code: ErrorCode = 'clock_skew';
  override readonly status = 422;
  override readonly retry: RetryPolicy = { kind: 'backoff' };
}

export class NotSupportedError extends BaseError {
  override name = 'NotSupportedError';
  override readonly code: ErrorCode = 'not_supported';
  override readonly status = 501;
}

/** A page or statement no longer looks the way its parser expects. */
export class LayoutChangedError extends BaseError {
  override name = 'LayoutChangedError';
  override readonly code: ErrorCode = 'layout_changed';
  override readonly status = 422;
}
