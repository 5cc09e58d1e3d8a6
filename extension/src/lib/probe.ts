import type { HealthView, Overview } from '@omnifolio/shared/api';
import type { CompanionClient } from './companion-client';
import { CompanionRequestError, isAccessDenied, isUnreachable, type Problem, START_HINT, toProblem } from './companion-error';

/** How to reach the companion from where the code runs, and whether it may read data. */
export interface CompanionAccess {
  baseUrl: string;
  client: CompanionClient;
  /** False when the extension holds no token yet: only health and pairing work. */
  paired: boolean;
}

/** One look at the companion: is it there, do we have access, what is the portfolio. */
export type CompanionProbe =
  | { state: 'down'; baseUrl: string; problem: Problem }
  | { state: 'not-paired'; reason: 'no-token' | 'rejected'; problem: Problem }
  | { state: 'ready'; health: HealthView; overview: Overview }
  | { state: 'failed'; health: HealthView | null; problem: Problem };

export function downProblem(baseUrl: string): Problem {
  return {
    code: 'unreachable',
    message: 'The Omnifolio companion is not running.',
    hints: [START_HINT, `The extension looks for it at ${baseUrl}.`],
  };
}

function foreignProblem(baseUrl: string): Problem {
  return {
    code: 'not_companion',
    message: `Something other than the Omnifolio companion answers at ${baseUrl}.`,
    hints: ['Another program uses this port. Start the companion on a free port (`npm start -- --port 47822`) and pair again with that port.'],
  };
}

/** Never throws: anything unexpected becomes a `failed` probe with words for the person. */
export async function probeCompanion(access: CompanionAccess): Promise<CompanionProbe> {
  try {
    return await probe(access);
  } catch (error) {
    return { state: 'failed', health: null, problem: toProblem(error) };
  }
}

async function probe(access: CompanionAccess): Promise<CompanionProbe> {
  const { baseUrl, client } = access;
  let health: HealthView;
  try {
    health = await client.health();
  } catch (error) {
    if (isUnreachable(error)) return { state: 'down', baseUrl, problem: downProblem(baseUrl) };
    if (error instanceof CompanionRequestError) return { state: 'down', baseUrl, problem: foreignProblem(baseUrl) };
    throw error;
  }
  if (health.name !== 'omnifolio-companion') return { state: 'down', baseUrl, problem: foreignProblem(baseUrl) };

  if (!access.paired) {
    return {
      state: 'not-paired',
      reason: 'no-token',
      problem: {
        code: 'not_paired',
        message: 'Not paired yet.',
        hints: ['Open the extension options and enter the pairing code the companion printed in its terminal.'],
      },
    };
  }

  try {
    return { state: 'ready', health, overview: await client.overview() };
  } catch (error) {
    if (isAccessDenied(error)) {
      return {
        state: 'not-paired',
        reason: 'rejected',
        problem:
          client.auth === 'session'
            ? {
                code: 'session_expired',
                message: 'This page has no session with the companion.',
                hints: [
                  'Open the "Dashboard:" link the companion printed in its terminal. Each link works once.',
                  'Or run `npm start` again to get a new link.',
                ],
              }
            : {
                code: 'token_rejected',
                message: 'The companion no longer accepts this browser’s token.',
                hints: [
                  'The token was revoked, or the companion runs with a different data folder.',
                  'Pair again on the options page with the code the companion prints.',
                ],
              },
      };
    }
    if (isUnreachable(error)) return { state: 'down', baseUrl, problem: downProblem(baseUrl) };
    return { state: 'failed', health, problem: toProblem(error) };
  }
}
