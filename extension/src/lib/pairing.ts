import { companionBaseUrl, createCompanionClient } from './companion-client';
import { CompanionRequestError, isAccessDenied, isUnreachable, ProblemError, START_HINT } from './companion-error';
import { DEFAULT_COMPANION_PORT } from './constants';
import type { PairingStore } from './environment';
import type { Pairing } from './settings';

export interface PairParameters {
  port: number;
  code: string;
  label: string;
}

/** "abcd efgh" and "abcd-efgh" both become "ABCD-EFGH", the way the companion prints it. */
export function normalizePairingCode(code: string): string {
  const compact = code.replace(/[\s-]+/g, '').toUpperCase();
  return compact.length === 8 ? `${compact.slice(0, 4)}-${compact.slice(4)}` : code.trim().toUpperCase();
}

/**
 * Pairs with the companion on `port`: checks that the companion (and not some other
 * program) answers there, exchanges the one-time code for a token, and stores it.
 */
export async function pairWithCompanion(parameters: PairParameters, store: PairingStore): Promise<Pairing> {
  const { port, label } = parameters;
  const code = normalizePairingCode(parameters.code);
  if (code === '') {
    throw new ProblemError({
      code: 'validation_failed',
      message: 'Enter the pairing code.',
      hints: ['The companion prints it in its terminal when it starts, as “Pairing code: XXXX-XXXX”.'],
    });
  }
  const baseUrl = companionBaseUrl(port);
  const client = createCompanionClient({ baseUrl, auth: { kind: 'none' }, timeoutMs: 5_000 });
  let companionName: string | null = null;
  try {
    companionName = (await client.health()).name;
  } catch (error) {
    if (isUnreachable(error)) {
      throw new ProblemError({
        code: 'unreachable',
        message: `Nothing answers at ${baseUrl}.`,
        hints: [
          `Is the companion running? ${START_HINT}`,
          `Check the port: the companion prints it when it starts (the default is ${DEFAULT_COMPANION_PORT}).`,
        ],
      });
    }
    // An error status from /api/health means another program owns the port.
    if (!(error instanceof CompanionRequestError)) throw error;
  }
  if (companionName !== 'omnifolio-companion') {
    throw new ProblemError({
      code: 'not_companion',
      message: `Something other than the Omnifolio companion answers at ${baseUrl}.`,
      hints: ['Check the port the companion printed when it started.'],
    });
  }
  // Errors from here on (a wrong or used code) carry the companion's own words.
  const { token, tokenId } = await client.pair(code, label);
  const pairing: Pairing = { port, token, tokenId };
  await store.savePairing(pairing);
  return pairing;
}

export interface UnpairResult {
  /** False when the companion could not be told to revoke the token (it was not running). */
  revoked: boolean;
}

/** Revokes this browser's token at the companion if it can, and forgets it here in any case. */
export async function unpair(store: PairingStore): Promise<UnpairResult> {
  const pairing = await store.getPairing();
  if (pairing === null) return { revoked: true };
  const client = createCompanionClient({
    baseUrl: companionBaseUrl(pairing.port),
    auth: { kind: 'token', token: pairing.token },
    timeoutMs: 5_000,
  });
  let revoked = true;
  try {
    await client.revokeToken(pairing.tokenId);
  } catch (error) {
    // Access denied means the companion already dropped the token: as good as revoked.
    if (isUnreachable(error)) revoked = false;
    else if (!isAccessDenied(error)) throw error;
  }
  await store.clearPairing();
  return { revoked };
}
