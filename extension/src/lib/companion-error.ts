/**
 * What the extension shows when talking to the companion goes wrong. Every failure ends up
 * as a `Problem`: one sentence and what to do next, the same shape as the API's error body,
 * so components render the companion's own words and ours the same way.
 */
export interface Problem {
  code: string;
  message: string;
  hints: string[];
  issues?: { path: string; message: string }[];
}

export const START_HINT = 'Start it with `npm start` in the Omnifolio folder.';

/** An error that already carries the words to show; thrown by the extension's own checks. */
export class ProblemError extends Error {
  override name = 'ProblemError';
  constructor(readonly problem: Problem) {
    super(problem.message);
  }
}

/** Nothing answered: the companion is not running, or not on this port. */
export class CompanionUnreachableError extends Error {
  override name = 'CompanionUnreachableError';
  constructor(
    readonly baseUrl: string,
    options?: { cause?: unknown; timedOut?: boolean },
  ) {
    super(options?.timedOut ? `The Omnifolio companion at ${baseUrl} did not answer in time.` : `The Omnifolio companion is not running at ${baseUrl}.`, {
      cause: options?.cause,
    });
  }
}

/** The companion answered with an error status; `problem` is its `{ code, message, hints }`. */
export class CompanionRequestError extends Error {
  override name = 'CompanionRequestError';
  constructor(
    readonly status: number,
    readonly problem: Problem,
  ) {
    super(problem.message);
  }

  /**
   * 401: the token was revoked or the companion forgot it (new data directory). 403: the
   * companion refuses this origin, which it does once no live token was issued to it.
   */
  get isAccessDenied(): boolean {
    return this.status === 401 || this.status === 403;
  }

  static async fromResponse(response: Response): Promise<CompanionRequestError> {
    const text = await response.text().catch(() => '');
    return new CompanionRequestError(response.status, parseProblem(response.status, text));
  }
}

function parseProblem(status: number, text: string): Problem {
  try {
    const parsed: unknown = JSON.parse(text);
    if (isProblem(parsed)) {
      return {
        code: parsed.code,
        message: parsed.message,
        hints: Array.isArray(parsed.hints) ? parsed.hints.filter((h): h is string => typeof h === 'string') : [],
        ...(Array.isArray(parsed.issues) ? { issues: parsed.issues.filter(isIssue) } : {}),
      };
    }
  } catch {
    // Not JSON: something other than the companion answered, or a proxy error page.
  }
  return {
    code: `http_${status}`,
    message: `The companion answered with HTTP ${status} and no explanation.`,
    hints: ['Check that the port belongs to the Omnifolio companion and not to another program.', 'The companion terminal may show what happened.'],
  };
}

function isProblem(value: unknown): value is Problem & { hints?: unknown; issues?: unknown } {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { code?: unknown }).code === 'string' &&
    typeof (value as { message?: unknown }).message === 'string'
  );
}

function isIssue(value: unknown): value is { path: string; message: string } {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { path?: unknown }).path === 'string' &&
    typeof (value as { message?: unknown }).message === 'string'
  );
}

/** Turns anything thrown while talking to the companion into words for the person. */
export function toProblem(error: unknown): Problem {
  if (error instanceof CompanionRequestError || error instanceof ProblemError) return error.problem;
  if (error instanceof CompanionUnreachableError) {
    return {
      code: 'unreachable',
      message: error.message,
      hints: [START_HINT, 'If it is running, check the port it printed when it started.'],
    };
  }
  const detail = error instanceof Error ? error.message : String(error);
  return {
    code: 'extension_error',
    message: 'Something unexpected went wrong in the extension.',
    hints: [`Details: ${detail}`, 'Reload the page; if it happens again, the browser console has more.'],
  };
}

export function isUnreachable(error: unknown): error is CompanionUnreachableError {
  return error instanceof CompanionUnreachableError;
}

export function isAccessDenied(error: unknown): boolean {
  return error instanceof CompanionRequestError && error.isAccessDenied;
}
