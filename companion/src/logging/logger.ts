import { redactText } from '@omnifolio/shared/errors';
import pino, { type DestinationStream } from 'pino';

export type Logger = pino.Logger;

/**
 * Structured JSON logs (pino). Two layers keep secrets out:
 * - `redact` blanks every field whose name says it holds one, wherever it nests;
 * - the `formatters.log` hook runs `redactText` over every string we log, which strips
 *   signed URLs (ccxt puts them into its error messages) and any secret registered with
 *   `registerSecret` while a connector holds it in memory.
 */
const REDACT_PATHS = [
  'secret',
  'apiKey',
  'apiSecret',
  'password',
  'passphrase',
  'token',
  'authorization',
  'credentials',
  'privateKey',
  '*.secret',
  '*.apiKey',
  '*.apiSecret',
  '*.password',
  '*.passphrase',
  '*.token',
  '*.authorization',
  '*.credentials',
  '*.privateKey',
  'headers.authorization',
  'req.headers.authorization',
  'req.headers.cookie',
  '*.headers["x-mbx-apikey"]',
];

// Counted, because two syncs can hold the same key at once: the first to finish must not
// unregister it under the other.
const liveSecretCounts = new Map<string, number>();
const liveSecrets = { [Symbol.iterator]: () => liveSecretCounts.keys() };

/** Adds a value that must never be printed, for as long as it is in memory. Returns a disposer. */
export function registerSecret(value: string): () => void {
  if (value.length < 8) return () => {};
  liveSecretCounts.set(value, (liveSecretCounts.get(value) ?? 0) + 1);
  let disposed = false;
  return () => {
    if (disposed) return;
    disposed = true;
    const left = (liveSecretCounts.get(value) ?? 1) - 1;
    if (left <= 0) liveSecretCounts.delete(value);
    else liveSecretCounts.set(value, left);
  };
}

function scrub(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return redactText(value, [...liveSecrets]);
  if (depth > 6 || value === null || typeof value !== 'object') return value;
  if (value instanceof Error) return { name: value.name, message: redactText(value.message, [...liveSecrets]) };
  // Objects that know how to show themselves (decrypted secrets print '***') are shown that way.
  const toJSON = (value as { toJSON?: unknown }).toJSON;
  if (typeof toJSON === 'function') return scrub(toJSON.call(value), depth + 1);
  if (Array.isArray(value)) return value.map((v) => scrub(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = scrub(v, depth + 1);
  return out;
}

export interface LoggerOptions {
  level?: string;
  destination?: DestinationStream;
}

export function createLogger(options: LoggerOptions = {}): Logger {
  return pino(
    {
      level: options.level ?? process.env.OMNIFOLIO_LOG_LEVEL ?? 'info',
      base: { app: 'omnifolio' },
      redact: { paths: REDACT_PATHS, censor: '***' },
      formatters: { log: (obj) => scrub(obj) as Record<string, unknown> },
      hooks: {
        logMethod(args, method) {
          // The message string itself, e.g. log.warn('failed: %s', err.message).
          const cleaned = args.map((a) => (typeof a === 'string' ? redactText(a, [...liveSecrets]) : a)) as typeof args;
          method.apply(this, cleaned);
        },
      },
    },
    options.destination ?? pino.destination(2),
  );
}
