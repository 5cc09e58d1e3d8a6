import {
  type Address,
  createTestClient,
  encodeAbiParameters,
  getContractAddress,
  type Hex,
  http,
  keccak256,
  pad,
  publicActions,
  toHex,
  walletActions,
} from 'viem';
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts';
import { mainnet } from 'viem/chains';
import { compileTestContracts } from './compile-contracts.js';
import { type HardhatNode, startHardhatNode } from './hardhat-node.js';

export const MULTICALL3 = '0xcA11bde05977b3631167028862bE2a173976CA11' as const;
/** USDC's real Ethereum mainnet contract; the harness puts a 6-decimal token there. */
export const MAINNET_USDC = '0xA0b86991c6218b36c1d19D4a2e9Eb0cE3606eB48' as const;
/** Hardhat's first default account, funded and unlocked on every hardhat node. */
const DEPLOYER = '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266' as const;

/** What the harness put on chain for `holder`, raw (the connector must report these exactly). */
export interface EvmTestHoldings {
  holder: Address;
  nativeWei: bigint;
  usdcAtMainnetAddress: { address: Address; raw: bigint; decimals: 6 };
  token18: { address: Address; raw: bigint; decimals: 18; symbol: string };
}

export interface EvmTestChain extends HardhatNode {
  holdings: EvmTestHoldings;
  client: ReturnType<typeof testClient>;
}

const testClient = (url: string) =>
  createTestClient({ mode: 'hardhat', chain: mainnet, transport: http(url) })
    .extend(publicActions)
    .extend(walletActions);

/** A Solidity short string (< 32 bytes) as stored in its slot: bytes left-aligned, length × 2 last. */
function shortStringSlot(value: string): Hex {
  const bytes = new TextEncoder().encode(value);
  if (bytes.length > 31) throw new Error('short strings only');
  const word = new Uint8Array(32);
  word.set(bytes);
  word[31] = bytes.length * 2;
  return toHex(word);
}

/**
 * A Hardhat node (chain id 1) holding, for a fresh address: native ETH, an 18-decimal
 * OpenZeppelin ERC-20 deployed normally, and a 6-decimal one placed at USDC's mainnet address
 * with setCode/setStorageAt; Multicall3's interface at its canonical address.
 */
export async function startEvmTestChain(): Promise<EvmTestChain> {
  const contracts = compileTestContracts();
  const node = await startHardhatNode();
  try {
    const client = testClient(node.url);
    const holder = privateKeyToAccount(generatePrivateKey()).address;
    // Digits chosen so a float anywhere would lose some: 12.345678901234567891 ETH.
    const nativeWei = 12_345_678_901_234_567_891n;
    await client.setBalance({ address: holder, value: nativeWei });
    await client.setCode({ address: MULTICALL3, bytecode: contracts.Multicall3Subset.deployedBytecode });

    const deploy = async (name: string, symbol: string, decimals: number, amount: bigint) => {
      const nonce = await client.getTransactionCount({ address: DEPLOYER });
      const hash = await client.deployContract({
        account: DEPLOYER,
        chain: mainnet,
        abi: contracts.TestToken.abi,
        bytecode: contracts.TestToken.bytecode,
        args: [name, symbol, decimals, holder, amount],
      });
      await client.waitForTransactionReceipt({ hash });
      return getContractAddress({ from: DEPLOYER, nonce: BigInt(nonce) });
    };

    const token18Raw = 987_654_321_012_345_678_901_234n;
    const token18 = await deploy('Test Eighteen', 'TEST18', 18, token18Raw);

    // A 6-decimal token deployed anywhere, then copied onto USDC's address: code (decimals is
    // an immutable inside it) and the storage OpenZeppelin's ERC20 keeps in slots 0-4.
    const usdcRaw = 1_234_567_891_234n;
    const scratch = await deploy('USD Coin', 'USDC', 6, usdcRaw);
    const code = await client.getCode({ address: scratch });
    if (!code) throw new Error('the 6-decimal token has no code');
    await client.setCode({ address: MAINNET_USDC, bytecode: code });
    const balanceSlot = keccak256(encodeAbiParameters([{ type: 'address' }, { type: 'uint256' }], [holder, 0n]));
    await client.setStorageAt({ address: MAINNET_USDC, index: balanceSlot, value: pad(toHex(usdcRaw)) });
    await client.setStorageAt({ address: MAINNET_USDC, index: 2, value: pad(toHex(usdcRaw)) });
    await client.setStorageAt({ address: MAINNET_USDC, index: 3, value: shortStringSlot('USD Coin') });
    await client.setStorageAt({ address: MAINNET_USDC, index: 4, value: shortStringSlot('USDC') });

    return {
      ...node,
      client,
      holdings: {
        holder,
        nativeWei,
        usdcAtMainnetAddress: { address: MAINNET_USDC, raw: usdcRaw, decimals: 6 },
        token18: { address: token18, raw: token18Raw, decimals: 18, symbol: 'TEST18' },
      },
    };
  } catch (error) {
    await node.stop();
    throw error;
  }
}
