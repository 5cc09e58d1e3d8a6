import bs58 from 'bs58';
import { createWalletClient, custom, UserRejectedRequestError } from 'viem';
import { ProblemError } from '../companion-error';
import type { WalletsClient } from '../wallets-client';
import type { DiscoveredEvmWallet } from './evm-wallet-discovery';
import type { DiscoveredSolanaWallet } from './solana-wallet-discovery';

export type ConnectedWallet = Awaited<ReturnType<WalletsClient['verify']>>;

/** The user said no in their wallet: nothing is wrong, nothing was added. */
export class WalletDeclinedError extends ProblemError {
  override name = 'WalletDeclinedError';
  constructor(walletName: string, step: 'connect' | 'sign') {
    super(
      step === 'connect'
        ? {
            code: 'wallet_declined',
            message: `${walletName} did not share an address, so nothing was added.`,
            hints: [`Connect again and approve the request in ${walletName}.`],
          }
        : {
            code: 'wallet_declined',
            message: `You declined the signature in ${walletName}, so nothing was added.`,
            hints: ['Signing proves the address is yours; it costs nothing and moves no funds.'],
          },
    );
  }
}

/** EIP-1193's "user rejected" (4001), however the wallet or viem wraps it. */
function isEvmRejection(error: unknown): boolean {
  if (error instanceof UserRejectedRequestError) return true;
  const code = (error as { code?: unknown; cause?: { code?: unknown } } | null)?.code ?? (error as { cause?: { code?: unknown } } | null)?.cause?.code;
  return code === 4001;
}

/**
 * EVM: asks the wallet for its address (`eth_requestAccounts`), gets a one-time EIP-4361
 * message from the companion, has the wallet sign it (`personal_sign`, through viem), and hands
 * the signature back. The companion verifies it against the address before tracking it; the
 * wallet is never asked for anything that could move funds.
 */
export async function signInWithEvmWallet(wallet: DiscoveredEvmWallet, client: WalletsClient, label?: string): Promise<ConnectedWallet> {
  const walletClient = createWalletClient({ transport: custom(wallet.provider) });
  let address: `0x${string}` | undefined;
  try {
    [address] = await walletClient.requestAddresses();
  } catch (error) {
    if (isEvmRejection(error)) throw new WalletDeclinedError(wallet.info.name, 'connect');
    throw error;
  }
  if (address === undefined) throw new WalletDeclinedError(wallet.info.name, 'connect');
  const { nonce, message } = await client.challenge({ chainFamily: 'evm', address });
  let signature: `0x${string}`;
  try {
    signature = await walletClient.signMessage({ account: address, message });
  } catch (error) {
    if (isEvmRejection(error)) throw new WalletDeclinedError(wallet.info.name, 'sign');
    throw error;
  }
  return client.verify({ nonce, signature, label: label ?? wallet.info.name });
}

/** wallet-adapter errors carry the wallet's words; a refusal says "rejected" in every wallet we know. */
function isSolanaRejection(error: unknown): boolean {
  const text = `${(error as Error | null)?.message ?? ''} ${(error as { error?: { message?: string } } | null)?.error?.message ?? ''}`;
  return /reject|declin|denied|cancel/i.test(text);
}

/**
 * Solana: connects through the wallet's standard adapter (`standard:connect`), gets a one-time
 * Sign-In With Solana message from the companion, has the wallet sign its bytes
 * (`solana:signMessage`), and hands the base58 signature back for the companion's ed25519 check.
 */
export async function signInWithSolanaWallet(wallet: DiscoveredSolanaWallet, client: WalletsClient, label?: string): Promise<ConnectedWallet> {
  const { adapter } = wallet;
  try {
    if (!adapter.connected) await adapter.connect();
  } catch (error) {
    if (isSolanaRejection(error)) throw new WalletDeclinedError(wallet.name, 'connect');
    throw error;
  }
  const address = adapter.publicKey?.toBase58();
  if (address === undefined) throw new WalletDeclinedError(wallet.name, 'connect');
  const { nonce, message } = await client.challenge({ chainFamily: 'solana', address });
  let signed: Uint8Array;
  try {
    // Only wallets with solana:signMessage are listed (solana-wallet-discovery.ts), so the adapter has it.
    if (adapter.signMessage === undefined) throw new Error(`${wallet.name} cannot sign messages.`);
    signed = await adapter.signMessage(new TextEncoder().encode(message));
  } catch (error) {
    if (isSolanaRejection(error)) throw new WalletDeclinedError(wallet.name, 'sign');
    throw error;
  }
  return client.verify({ nonce, signature: bs58.encode(signed), label: label ?? wallet.name });
}
