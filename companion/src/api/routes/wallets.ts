import { Hono } from 'hono';
import { z } from 'zod';
import { createWalletService } from '../../wallets/wallet-service.js';
import type { AppDeps } from '../deps.js';
import { validate } from '../validate.js';

/** Chain families with a connector: `evm` (seven chains) and `solana`. */
const trackedFamilies = ['evm', 'solana'] as const;

export const addWalletRequest = z.object({
  chainFamily: z.enum(trackedFamilies, { message: `chainFamily must be one of: ${trackedFamilies.join(', ')}.` }),
  address: z.string({ message: 'address is required: the wallet’s public address.' }).min(1, 'address is required: the wallet’s public address.').max(200),
  label: z.string().max(100).optional(),
  chains: z.array(z.string().min(1).max(40)).max(20).optional(),
});

export const walletChallengeRequest = z.object({
  chainFamily: z.enum(trackedFamilies, { message: `chainFamily must be one of: ${trackedFamilies.join(', ')}.` }),
  address: z.string({ message: 'address is required.' }).min(1, 'address is required.').max(200),
});

export const walletVerifyRequest = z.object({
  nonce: z.string().min(8).max(64),
  signature: z.string().min(1, 'signature is required.').max(200),
  label: z.string().max(100).optional(),
  chains: z.array(z.string().min(1).max(40)).max(20).optional(),
});

/**
 * Wallets: list them; add one watch-only (`POST /api/wallets`); or prove ownership first:
 * `POST /api/wallets/challenge` returns a one-time sign-in message (EIP-4361 or Sign-In With
 * Solana) for the wallet to sign, `POST /api/wallets/verify` checks the signature and only
 * then tracks the address.
 */
export const walletRoutes = (deps: AppDeps) => {
  const wallets = createWalletService({ connections: deps.connections, connectionsRepo: deps.connectionsRepo });
  return new Hono()
    .get('/', (c) => c.json(wallets.list()))
    .post('/', validate('json', addWalletRequest), async (c) => c.json(await wallets.addWatchOnly(c.req.valid('json')), 201))
    .post('/challenge', validate('json', walletChallengeRequest), async (c) => {
      // The Host header was checked to be this companion on loopback (middleware/host-check.ts).
      const host = c.req.header('host') ?? `127.0.0.1:${deps.port()}`;
      return c.json(await wallets.challenge(c.req.valid('json'), { domain: host, uri: `http://${host}/connect` }), 201);
    })
    .post('/verify', validate('json', walletVerifyRequest), async (c) => c.json(await wallets.verify(c.req.valid('json')), 201));
};
