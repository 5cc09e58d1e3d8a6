import { BaseError, type ErrorBody } from './base-error.js';
import { ValidationError } from './kinds.js';

/** The JSON form of an error as the API sends it: `{ code, message, hints }`, never details. */
export function toErrorBody(error: unknown): ErrorBody {
  if (error instanceof ValidationError) {
    return { code: error.code, message: error.shortMessage, hints: error.hints, issues: error.issues };
  }
  if (error instanceof BaseError) {
    return { code: error.code, message: error.shortMessage, hints: error.hints };
  }
  return {
    code: 'internal',
    message: 'Something went wrong inside the companion.',
    hints: ['The companion log has the details. If it keeps happening, restart the companion.'],
  };
}
