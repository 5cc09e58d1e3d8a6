import { BaseError, redactText } from '@omnifolio/shared/errors';

/** Prints data as JSON (for scripts) or as the given human text. */
export function emit(json: boolean, data: unknown, human: () => string): void {
  process.stdout.write(json ? `${JSON.stringify(data, null, 2)}\n` : `${human()}\n`);
}

/** Prints an error the way a person can act on it: the sentence, then what to do. */
export function printError(error: unknown, json: boolean): void {
  if (json) {
    const body =
      error instanceof BaseError
        ? { code: error.code, message: error.shortMessage, hints: error.hints }
        : { code: 'internal', message: String(error), hints: [] };
    process.stderr.write(`${JSON.stringify({ error: body })}\n`);
    return;
  }
  if (error instanceof BaseError) {
    process.stderr.write(`Error: ${error.shortMessage}\n`);
    for (const hint of error.hints) process.stderr.write(`  → ${hint}\n`);
  } else {
    process.stderr.write(`Error: ${redactText(error instanceof Error ? error.message : String(error))}\n`);
  }
}
