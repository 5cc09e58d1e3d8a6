import { generateKeyPairSync, sign } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import bs58 from 'bs58';
import DecimalJs from 'decimal.js';
import { type Hex, hexToBytes } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { type CoinGeckoSimulator, createCoinGeckoSimulator } from '../../companion/src/simulators/coingecko/coingecko-simulator';
import { EvmRpcSimulator } from '../../companion/src/simulators/evm-rpc/evm-rpc-simulator';
import { SolanaRpcSimulator } from '../../companion/src/simulators/solana-rpc/solana-rpc-simulator';
import { type Companion, startCompanion } from './companion';
import { expect, freePort, openPopup, test } from './fixtures';
import { REPO_ROOT, RESULTS_DIR } from './paths';

const Decimal = DecimalJs.clone({ precision: 200, toExpNeg: -200, toExpPos: 200 });

/** The seven EVM chains the companion reads, by chain id (each gets the simulator's RPC URL). */
const EVM_CHAIN_IDS = [1, 42161, 10, 8453, 137, 56, 43114];

// A real secp256k1 key made for this test only (nobody's funds), and a second one that forges.
const OWNER_KEY: Hex = '0x4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318';
const FORGER_KEY: Hex = '0x8da4ef21b864d2cc526dbdb2a120bd2874c36c9d0a1fb7f8c63d7f7a8b41de8f';
const ETH_WEI = 2_750_000_000_000_000_000n; // 2.75 ETH on Ethereum
const SOL_LAMPORTS = 12_500_000_000n; // 12.5 SOL

/** The CoinGecko simulator's demo prices, read from its data file (no product code). */
function price(id: string, currency: 'usd' | 'chf'): string {
  const file = JSON.parse(readFileSync(join(REPO_ROOT, 'companion', 'src', 'simulators', 'coingecko', 'demo-prices.json'), 'utf8')) as {
    prices: Record<string, Record<string, string>>;
  };
  const value = file.prices[id]?.[currency];
  if (typeof value !== 'string') throw new Error(`demo-prices.json has no ${currency} price for ${id}.`);
  return value;
}

interface InjectedWallets {
  evmAddress: string;
  solanaAddress: string;
  solanaPublicKey: number[];
}

/**
 * Runs in every page before its own scripts, as a wallet extension's content script does:
 * announces two EIP-1193 wallets over EIP-6963 ("Test Wallet" signs with the owner's key,
 * "Forger" claims the owner's address but signs with another key) and registers one Solana
 * wallet with the Wallet Standard ("Test Phantom"). The keys stay in the test process: the
 * page reaches them through functions Playwright exposes.
 */
function injectWallets({ evmAddress, solanaAddress, solanaPublicKey }: InjectedWallets) {
  const w = window as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>;
  const icon = `data:image/svg+xml;base64,${btoa('<svg xmlns="http://www.w3.org/2000/svg" width="20" height="20"><rect width="20" height="20" fill="#5b8def"/></svg>')}`;
  const evmWallet = (name: string, uuid: string, signer: string) => {
    const provider = {
      async request({ method, params }: { method: string; params?: unknown[] }) {
        switch (method) {
          case 'eth_requestAccounts':
          case 'eth_accounts':
            return [evmAddress];
          case 'eth_chainId':
            return '0x1';
          case 'personal_sign':
            return w[signer]?.(params?.[0]);
          default:
            throw Object.assign(new Error(`${name} does not support ${method}.`), { code: 4200 });
        }
      },
      on() {},
      removeListener() {},
    };
    const detail = Object.freeze({ info: Object.freeze({ uuid, name, icon, rdns: `test.omnifolio.${uuid}` }), provider });
    const announce = () => window.dispatchEvent(new CustomEvent('eip6963:announceProvider', { detail }));
    window.addEventListener('eip6963:requestProvider', announce);
    announce();
  };
  evmWallet('Test Wallet', '9d3c2a8e-0000-4000-8000-000000000001', 'omnifolioTestEvmSign');
  evmWallet('Forger', '9d3c2a8e-0000-4000-8000-000000000002', 'omnifolioTestForgedSign');

  const account = {
    address: solanaAddress,
    publicKey: Uint8Array.from(solanaPublicKey),
    chains: ['solana:mainnet'],
    features: ['solana:signMessage', 'solana:signTransaction'],
  };
  let connected = false;
  const wallet = {
    version: '1.0.0',
    name: 'Test Phantom',
    icon,
    chains: ['solana:mainnet'],
    get accounts() {
      return connected ? [account] : [];
    },
    features: {
      'standard:connect': {
        version: '1.0.0',
        connect: async () => {
          connected = true;
          return { accounts: [account] };
        },
      },
      'standard:disconnect': {
        version: '1.0.0',
        disconnect: async () => {
          connected = false;
        },
      },
      'standard:events': { version: '1.0.0', on: () => () => {} },
      'solana:signTransaction': {
        version: '1.0.0',
        supportedTransactionVersions: ['legacy', 0],
        signTransaction: async () => {
          throw new Error('Test Phantom signs no transactions.');
        },
      },
      'solana:signMessage': {
        version: '1.0.0',
        signMessage: async (...inputs: { message: Uint8Array }[]) =>
          Promise.all(
            inputs.map(async ({ message }) => ({
              signedMessage: message,
              signature: Uint8Array.from((await w.omnifolioTestSolanaSign?.(Array.from(message))) as number[]),
            })),
          ),
      },
    },
  };
  // The Wallet Standard's registration handshake, both ways round (wallet first or app first).
  const register = ({ register: add }: { register(wallet: unknown): void }) => add(wallet);
  window.dispatchEvent(new CustomEvent('wallet-standard:register-wallet', { detail: register }));
  window.addEventListener('wallet-standard:app-ready', (event) => register((event as CustomEvent).detail));
}

/**
 * Issue 4's connect flow end to end: from the options page, "Connect a wallet" opens the
 * companion's /connect page signed in with a one-time link; an EVM wallet (a real secp256k1 key)
 * and a Solana wallet (a real ed25519 key) announced to that page prove their addresses by
 * signing the companion's sign-in messages; a wallet whose signature does not match its address
 * is refused and nothing is added; both wallets then show in the popup with their balances,
 * valued independently here.
 */
test('the connect page adds an EVM and a Solana wallet by signature, refuses a forged one, and the popup shows their balances', async ({
  context,
  extensionId,
}) => {
  test.setTimeout(180_000);
  const dataDir = mkdtempSync(join(tmpdir(), 'omnifolio-e2e-connect-'));
  const owner = privateKeyToAccount(OWNER_KEY);
  const forger = privateKeyToAccount(FORGER_KEY);
  const solanaKeys = generateKeyPairSync('ed25519');
  const solanaPublicKey = Buffer.from(solanaKeys.publicKey.export({ format: 'jwk' }).x as string, 'base64url');
  const solanaAddress = bs58.encode(solanaPublicKey);

  const evm = new EvmRpcSimulator();
  for (const chainId of EVM_CHAIN_IDS) evm.addChain(chainId);
  evm.setNativeBalance(1, owner.address, ETH_WEI);
  const solana = new SolanaRpcSimulator();
  solana.lamports.set(solanaAddress, SOL_LAMPORTS);
  const coingecko: CoinGeckoSimulator = createCoinGeckoSimulator({ rateLimitPerMinute: Number.POSITIVE_INFINITY });
  let companion: Companion | null = null;

  await context.exposeFunction('omnifolioTestEvmSign', (messageHex: Hex) => owner.signMessage({ message: { raw: hexToBytes(messageHex) } }));
  await context.exposeFunction('omnifolioTestForgedSign', (messageHex: Hex) => forger.signMessage({ message: { raw: hexToBytes(messageHex) } }));
  await context.exposeFunction('omnifolioTestSolanaSign', (message: number[]) => [...sign(null, Buffer.from(message), solanaKeys.privateKey)]);
  await context.addInitScript(injectWallets, { evmAddress: owner.address, solanaAddress, solanaPublicKey: [...solanaPublicKey] });

  try {
    const [, solanaUrl, coingeckoUrl] = await Promise.all([evm.start(), solana.start(), coingecko.start()]);
    const providerUrls: Record<string, string> = { coingecko: coingeckoUrl, solana: solanaUrl };
    for (const chainId of EVM_CHAIN_IDS) providerUrls[`evm:${chainId}`] = evm.urlOf(chainId);
    companion = await startCompanion({ port: await freePort(), dataDir, providerUrls });

    const options = await context.newPage();
    await options.goto(`chrome-extension://${extensionId}/options.html`);
    await options.getByTestId('pair-port').fill(String(companion.port));
    await options.getByTestId('pair-code').fill(companion.pairingCode);
    await options.getByTestId('pair-submit').click();
    await expect(options.getByTestId('paired-state')).toHaveAttribute('data-healthy', 'true');

    const page = await test.step('"Connect a wallet" opens the companion’s connect page, signed in', async () => {
      const opened = context.waitForEvent('page');
      await options.getByTestId('connect-wallet').click();
      const connect = await opened;
      await connect.waitForURL(`http://127.0.0.1:${companion?.port}/connect`);
      await expect(connect.getByTestId('evm-wallets').getByTestId('wallet-candidate')).toHaveText(['Test WalletConnect', 'ForgerConnect']);
      await expect(connect.getByTestId('solana-wallets').getByTestId('wallet-candidate')).toHaveText(['Test PhantomConnect']);
      return connect;
    });

    await test.step('a wallet whose signature does not match the address it gave is refused, and nothing is added', async () => {
      await page.getByTestId('wallet-candidate').filter({ hasText: 'Forger' }).getByRole('button', { name: 'Connect' }).click();
      await expect(page.getByTestId('connect-error')).toContainText('The signature does not match this address, so it was not added.');
      await expect(page.getByTestId('connected-wallet')).toHaveCount(0);
    });

    await test.step('the EVM wallet signs the EIP-4361 message and is added', async () => {
      await page.getByTestId('wallet-candidate').filter({ hasText: 'Test Wallet' }).getByRole('button', { name: 'Connect' }).click();
      await expect(page.getByTestId('connected-wallet')).toHaveText([`Test Wallet ${owner.address}`]);
      await expect(page.getByTestId('connect-error')).toHaveCount(0);
    });

    await test.step('the Solana wallet signs the Sign-In With Solana message and is added', async () => {
      await page.getByTestId('wallet-candidate').filter({ hasText: 'Test Phantom' }).getByRole('button', { name: 'Connect' }).click();
      await expect(page.getByTestId('connected-wallet')).toHaveText([`Test Wallet ${owner.address}`, `Test Phantom ${solanaAddress}`]);
      await page.screenshot({ path: join(RESULTS_DIR, 'connect-wallets.png'), fullPage: true });
    });

    await test.step('the options page lists both as signed, and their first syncs succeed', async () => {
      await options.reload();
      const rows = options.getByTestId('wallet-row');
      await expect(rows).toHaveCount(2);
      await expect(rows.filter({ hasText: owner.address })).toContainText('signed');
      await expect(rows.filter({ hasText: solanaAddress })).toContainText('signed');
      await expect(options.getByTestId('connection-row').filter({ hasText: 'Test Wallet' })).toHaveAttribute('data-status', 'ok', { timeout: 60_000 });
      await expect(options.getByTestId('connection-row').filter({ hasText: 'Test Phantom' })).toHaveAttribute('data-status', 'ok', { timeout: 60_000 });
    });

    await test.step('the popup shows the wallets’ ETH and SOL, valued', async () => {
      const popup = await openPopup(context, extensionId);
      const value = popup.getByTestId('total-value');
      await expect(value).toHaveAttribute('data-currency', /^(USD|CHF)$/);
      const c = (await value.getAttribute('data-currency')) === 'USD' ? 'usd' : 'chf';
      const expected = new Decimal('2.75').times(price('ethereum', c)).plus(new Decimal('12.5').times(price('solana', c)));
      await expect(value).toHaveAttribute('data-value', expected.toFixed());
      await expect(popup.getByTestId('holding-row').and(popup.locator('[data-symbol="ETH"]'))).toHaveAttribute('data-priced', 'true');
      await expect(popup.getByTestId('holding-row').and(popup.locator('[data-symbol="SOL"]'))).toHaveAttribute('data-priced', 'true');
      await popup.close();
    });
  } finally {
    await companion?.stop();
    await Promise.all([evm.stop(), solana.stop(), coingecko.stop()]);
    rmSync(dataDir, { recursive: true, force: true });
  }
});
