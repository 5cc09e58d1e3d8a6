/**
 * One private call at a time per API key. Kraken refuses a nonce that is not larger than the last
 * one it saw; two calls signed in order but sent over two connections can arrive in the other
 * order (a "Test connection" while a sync runs), and the later nonce would then be refused. Calls
 * for the same key wait for the one before them to finish.
 */
const tails = new Map<string, Promise<unknown>>();

export async function oneAtATime<T>(apiKey: string, work: () => Promise<T>): Promise<T> {
  const before = tails.get(apiKey) ?? Promise.resolve();
  const run = before.then(work, work);
  const tail = run.then(
    () => undefined,
    () => undefined,
  );
  tails.set(apiKey, tail);
  try {
    return await run;
  } finally {
    if (tails.get(apiKey) === tail) tails.delete(apiKey);
  }
}
