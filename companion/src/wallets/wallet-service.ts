import type { ConnectionView } from '@omnifolio/shared/api';
import { ConflictError, UnauthorizedError, ValidationError } from '@omnifolio/shared/errors';
import type { ConnectionService } from '../connections/connection-service.js';
import type { ConnectionRow, ConnectionsRepository } from '../storage/repositories/connections-repository.js';
import type { ChainFamily } from './chain-family.js';
import { createSignInChallenges, type SignInChallenges } from './sign-in-challenges.js';

/** How Omnifolio knows the wallet is the user's: pasted (watch-only) or proven by a signature. */
export type WalletOwnership = 'watch-only' | 'signed';

/** Kept in the connection's settings (the address is also its encrypted credential). */
export interface WalletSettings {
  chainFamily: ChainFamily;
  address: string;
  ownership: WalletOwnership;
}

export interface WalletView {
  connectionId: string;
  label: string;
  chainFamily: ChainFamily;
  address: string;
  ownership: WalletOwnership;
  status: ConnectionView['status'];
  lastSuccessAt: string | null;
  lastError: ConnectionView['lastError'];
  accounts: ConnectionView['accounts'];
}

export interface AddWalletInput {
  chainFamily: ChainFamily;
  address: string;
  label?: string;
  /** EVM only: chain keys to read; all seven when absent. */
  chains?: string[];
}

export interface WalletServiceDeps {
  connections: ConnectionService;
  connectionsRepo: ConnectionsRepository;
  challenges?: SignInChallenges;
  now?: () => Date;
}

/** Where the sign-in happens: the companion's own page, named in the signed message. */
export interface SignInOrigin {
  /** `127.0.0.1:<port>`: the host the page was served from. */
  domain: string;
  /** `http://127.0.0.1:<port>/connect`. */
  uri: string;
}

const SIGN_IN_STATEMENT = 'Omnifolio asks you to prove that you own this address, to track its balances. This signs no transaction and costs nothing.';

const familyName: Record<ChainFamily, string> = { evm: 'EVM', solana: 'Solana' };

const walletOf = (row: ConnectionRow): WalletSettings | undefined => {
  const wallet = row.settings.wallet as WalletSettings | undefined;
  return row.kind === 'wallet' && wallet?.address ? wallet : undefined;
};

/**
 * Wallets as the user sees them: an address on a chain family, tracked through an ordinary
 * `wallet` connection (provider `evm` or `solana`) that syncs like any other. Adding one never
 * asks for a key: a watch-only address is validated and tracked as is.
 */
export function createWalletService(deps: WalletServiceDeps) {
  const toView = (row: ConnectionRow, wallet: WalletSettings, view: ConnectionView | undefined): WalletView => ({
    connectionId: row.id,
    label: row.label,
    chainFamily: wallet.chainFamily,
    address: wallet.address,
    ownership: wallet.ownership,
    status: row.status,
    lastSuccessAt: row.lastSuccessAt,
    lastError: row.lastError ?? null,
    accounts: view?.accounts ?? [],
  });

  function list(): WalletView[] {
    const views = new Map(deps.connections.list().map((v) => [v.id, v]));
    return deps.connectionsRepo.list().flatMap((row) => {
      const wallet = walletOf(row);
      return wallet ? [toView(row, wallet, views.get(row.id))] : [];
    });
  }

  async function add(input: AddWalletInput, ownership: WalletOwnership): Promise<WalletView> {
    // The address check loads viem (EVM); only when a wallet is added, not at start-up.
    const { parseWalletAddress } = await import('./chain-family.js');
    const address = parseWalletAddress(input.chainFamily, input.address, 'address');
    const existing = list().find((w) => w.chainFamily === input.chainFamily && w.address.toLowerCase() === address.toLowerCase());
    if (existing) {
      throw new ConflictError(`address: ${address} is already tracked as “${existing.label}”.`, {
        hints: ['Each address is tracked once; remove the existing wallet first to add it again with other settings.'],
      });
    }
    const label = input.label?.trim() || `${familyName[input.chainFamily]} wallet ${address.slice(0, 6)}…${address.slice(-4)}`;
    const credentials: Record<string, string> = { address };
    if (input.chains && input.chains.length > 0) {
      if (input.chainFamily !== 'evm') {
        throw new ValidationError(
          'chains: only EVM wallets are read on several chains.',
          [{ path: 'chains', message: 'Leave chains out for a Solana wallet.' }],
          {
            hints: ['Remove the chains field and send the request again.'],
          },
        );
      }
      credentials.chains = input.chains.join(',');
    }
    // The connection service tests, stores (encrypted), audits and starts the first sync.
    const created = await deps.connections.create({ providerId: input.chainFamily, label, credentials });
    const wallet: WalletSettings = { chainFamily: input.chainFamily, address, ownership };
    const row = deps.connectionsRepo.get(created.id);
    const updated = deps.connectionsRepo.update(row.id, { settings: { ...row.settings, wallet } });
    return toView(updated, wallet, created);
  }

  const challenges = deps.challenges ?? createSignInChallenges();
  const now = deps.now ?? (() => new Date());

  /** A one-time sign-in message for the address, in its family's standard format. */
  async function challenge(input: { chainFamily: ChainFamily; address: string }, origin: SignInOrigin) {
    const { parseWalletAddress } = await import('./chain-family.js');
    const address = parseWalletAddress(input.chainFamily, input.address, 'address');
    const nonce = challenges.newNonce();
    const issuedAt = now();
    const expirationTime = new Date(issuedAt.getTime() + 10 * 60_000);
    const fields = { domain: origin.domain, statement: SIGN_IN_STATEMENT, uri: origin.uri, nonce };
    const message =
      input.chainFamily === 'evm'
        ? (await import('./evm-sign-in.js')).createEvmSignInMessage({ ...fields, address: address as `0x${string}`, issuedAt, expirationTime })
        : (await import('./solana-sign-in.js')).createSolanaSignInMessage({
            ...fields,
            address,
            issuedAt: issuedAt.toISOString(),
            expirationTime: expirationTime.toISOString(),
          });
    challenges.issue({ nonce, chainFamily: input.chainFamily, address, message });
    return { nonce, address, message };
  }

  /**
   * Checks the wallet's signature of the message issued with `nonce` (consumed whatever the
   * outcome) and only then tracks the address, marked `signed`.
   */
  async function verify(input: { nonce: string; signature: string; label?: string; chains?: string[] }): Promise<WalletView> {
    const issued = challenges.consume(input.nonce);
    const valid =
      issued.chainFamily === 'evm'
        ? await (await import('./evm-sign-in.js')).verifyEvmSignature(issued.message, input.signature, issued.address as `0x${string}`)
        : (await import('./solana-sign-in.js')).verifySolanaSignature(issued.message, input.signature, issued.address);
    if (!valid) {
      throw new UnauthorizedError('The signature does not match this address, so it was not added.', {
        hints: [
          'Sign with the wallet that holds this address, starting again from the connect page.',
          'To track an address without signing, add it watch-only.',
        ],
      });
    }
    return add({ chainFamily: issued.chainFamily, address: issued.address, label: input.label, chains: input.chains }, 'signed');
  }

  return {
    list,
    challenge,
    verify,
    /** A pasted address (a hardware wallet's, say): validated, tracked without a signature. */
    addWatchOnly: (input: AddWalletInput) => add(input, 'watch-only'),
  };
}

export type WalletService = ReturnType<typeof createWalletService>;
