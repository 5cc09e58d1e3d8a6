import { ed25519 } from '@noble/curves/ed25519.js';
import { base58 } from '@scure/base';
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts';
import { parseSiweMessage } from 'viem/siwe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestSolanaWallet } from '../../src/connectors/solana/solana-test-wallet.js';
import type { SolanaRpcSimulator } from '../../src/simulators/solana-rpc/solana-rpc-simulator.js';
import { createTestCompanion, TEST_PORT, type TestCompanion } from '../support/test-companion.js';

/**
 * Proving ownership before an address is tracked: the companion writes a one-time sign-in
 * message (EIP-4361 for EVM, Sign-In With Solana), a wallet backed by a real key signs it,
 * the companion verifies the signature, and a forged or replayed one is refused.
 */
describe('wallet sign-in, through the API', () => {
  let t: TestCompanion;
  let token: string;
  let solana: SolanaRpcSimulator;
  const call = async (path: string, body: unknown) => {
    const res = await t.request(path, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> & { message: string; nonce: string } };
  };

  beforeAll(async () => {
    solana = createTestSolanaWallet();
    // EVM syncs go to a closed port (fail fast as unavailable); only the sign-in is under test here.
    t = await createTestCompanion({ providerUrls: { solana: await solana.start(), 'evm:1': 'http://127.0.0.1:9' } });
    token = await t.pair();
  });
  afterAll(async () => {
    await t.core.runner.idle();
    await t.close();
    await solana.stop();
  });

  it('EVM: an EIP-4361 message signed with the address’s key is verified and the wallet saved as signed', async () => {
    const account = privateKeyToAccount(generatePrivateKey());
    const challenge = await call('/api/wallets/challenge', { chainFamily: 'evm', address: account.address.toLowerCase() });
    expect(challenge.status).toBe(201);
    const parsed = parseSiweMessage(challenge.body.message);
    expect(parsed).toMatchObject({
      address: account.address,
      domain: `127.0.0.1:${TEST_PORT}`,
      uri: `http://127.0.0.1:${TEST_PORT}/connect`,
      nonce: challenge.body.nonce,
      chainId: 1,
      version: '1',
    });
    const signature = await account.signMessage({ message: challenge.body.message });
    const verified = await call('/api/wallets/verify', { nonce: challenge.body.nonce, signature, label: 'MetaMask', chains: ['ethereum'] });
    expect(verified.status).toBe(201);
    expect(verified.body).toMatchObject({ chainFamily: 'evm', address: account.address, ownership: 'signed', label: 'MetaMask' });
  });

  it('EVM: a signature by another key is refused, and the nonce cannot be tried again', async () => {
    const owner = privateKeyToAccount(generatePrivateKey());
    const forger = privateKeyToAccount(generatePrivateKey());
    const challenge = await call('/api/wallets/challenge', { chainFamily: 'evm', address: owner.address });
    const forged = await forger.signMessage({ message: challenge.body.message });
    const refused = await call('/api/wallets/verify', { nonce: challenge.body.nonce, signature: forged });
    expect(refused.status).toBe(401);
    expect(refused.body.message).toBe('The signature does not match this address, so it was not added.');
    // Even the right signature is now too late: the nonce was spent by the forged attempt.
    const genuine = await owner.signMessage({ message: challenge.body.message });
    const replay = await call('/api/wallets/verify', { nonce: challenge.body.nonce, signature: genuine });
    expect(replay.status).toBe(401);
    expect(replay.body.message).toBe('This sign-in request was already used or has expired.');
  });

  it('Solana: a Sign-In With Solana message signed with the ed25519 key is verified; a forged one is refused', async () => {
    const secret = ed25519.utils.randomSecretKey();
    const address = base58.encode(ed25519.getPublicKey(secret));
    const challenge = await call('/api/wallets/challenge', { chainFamily: 'solana', address });
    expect(challenge.body.message.split('\n').slice(0, 2)).toEqual([`127.0.0.1:${TEST_PORT} wants you to sign in with your Solana account:`, address]);
    expect(challenge.body.message).toContain(`Nonce: ${challenge.body.nonce}`);

    const forgedSig = ed25519.sign(new TextEncoder().encode(challenge.body.message), ed25519.utils.randomSecretKey());
    expect((await call('/api/wallets/verify', { nonce: challenge.body.nonce, signature: base58.encode(forgedSig) })).status).toBe(401);

    const again = await call('/api/wallets/challenge', { chainFamily: 'solana', address });
    const signature = ed25519.sign(new TextEncoder().encode(again.body.message), secret);
    const verified = await call('/api/wallets/verify', { nonce: again.body.nonce, signature: base58.encode(signature), label: 'Phantom' });
    expect(verified.status).toBe(201);
    expect(verified.body).toMatchObject({ chainFamily: 'solana', address, ownership: 'signed', label: 'Phantom' });
  });

  it('a challenge for an invalid address is refused before any message is written', async () => {
    const res = await call('/api/wallets/challenge', { chainFamily: 'evm', address: '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD' });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ issues: [{ path: 'address' }] });
  });
});
