/**
 * One error base for the whole project (companion, extension, shared). Every error has:
 * - `code`: stable, machine-readable, part of the API contract;
 * - `shortMessage`: one sentence a person can read;
 * - `hints`: what to do next, in words;
 * - `status`: the HTTP status when it crosses the API;
 * - `retry`: whether and how the operation may be retried.
 * `details` is for logs only and never leaves the process.
 */
export type ErrorCode =
  | 'validation_failed'
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'auth_failed'
  | 'permission_too_broad'
  | 'rate_limited'
  | 'unavailable'
  | 'not_supported'
  | 'layout_changed'
  | 'clock_skew'
  | 'internal';

export type RetryPolicy = { kind: 'never' } | { kind: 'backoff' } | { kind: 'after'; afterMs: number };

export interface BaseErrorOptions {
  hints?: string[];
  details?: string;
  cause?: unknown;
}

export class BaseError extends Error {
  override name = 'BaseError';
  readonly code: ErrorCode = 'internal';
  readonly status: number = 500;
  readonly retry: RetryPolicy = { kind: 'never' };
  readonly shortMessage: string;
  readonly hints: string[];
  readonly details: string | undefined;

  constructor(shortMessage: string, options: BaseErrorOptions = {}) {
    super(shortMessage, options.cause === undefined ? undefined : { cause: options.cause });
    this.shortMessage = shortMessage;
    this.hints = options.hints ?? [];
    this.details = options.details;
  }
}

export interface ErrorBody {
  code: ErrorCode;
  message: string;
  hints: string[];
  /** For validation errors: which field, as a path such as `rows.12.amount`. */
  issues?: { path: string; message: string }[];
}

export function isBaseError(error: unknown): error is BaseError {
  return error instanceof BaseError;
}
