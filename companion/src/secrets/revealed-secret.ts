import { inspect } from 'node:util';

/**
 * Decrypted credentials: `{ apiKey, apiSecret, … }` as plain readable fields, frozen.
 *
 * Printing the object shows `***` whichever way it is printed: `console.log` and pino's
 * and Node's inspect (`util.inspect.custom`), `JSON.stringify` (`toJSON`), and string
 * conversion (`toString`). Those members are non-enumerable, so `Object.keys` and
 * `Object.entries` still list only the credential fields.
 *
 * The protection lives on this object only: a spread (`{ ...secret }`) or a field copied
 * elsewhere is an ordinary string again. Pass the object itself around.
 */
export type RevealedSecret = Readonly<Record<string, string>>;

const MASK = '***';

export function revealSecret(fields: Record<string, string>): RevealedSecret {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(fields)) out[name] = value;
  Object.defineProperties(out, {
    toJSON: { value: () => MASK, enumerable: false },
    toString: { value: () => MASK, enumerable: false },
    [inspect.custom]: { value: () => MASK, enumerable: false },
  });
  return Object.freeze(out);
}
