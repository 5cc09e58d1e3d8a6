import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Abi, Hex } from 'viem';

const require = createRequire(import.meta.url);

export interface CompiledContract {
  abi: Abi;
  bytecode: Hex;
  deployedBytecode: Hex;
}

interface SolcOutput {
  errors?: { severity: string; formattedMessage: string }[];
  contracts: Record<string, Record<string, { abi: Abi; evm: { bytecode: { object: string }; deployedBytecode: { object: string } } }>>;
}

let cached: Record<'TestToken' | 'Multicall3Subset', CompiledContract> | undefined;

/**
 * Compiles the test contracts with solc-js (npm `solc`, no download) and OpenZeppelin sources
 * from `@openzeppelin/contracts`. Never `hardhat compile`: it downloads a compiler.
 */
export function compileTestContracts(): Record<'TestToken' | 'Multicall3Subset', CompiledContract> {
  if (cached) return cached;
  const solc = require('solc') as { compile(input: string, callbacks: { import(path: string): { contents: string } | { error: string } }): string };
  const read = (name: string) => readFileSync(new URL(`./${name}`, import.meta.url), 'utf8');
  const input = {
    language: 'Solidity',
    sources: { 'TestToken.sol': { content: read('TestToken.sol') }, 'Multicall3Subset.sol': { content: read('Multicall3Subset.sol') } },
    settings: {
      optimizer: { enabled: true, runs: 200 },
      // Hardhat 2.29's default hardfork supports it; pinned so the bytecode does not depend on solc's default.
      evmVersion: 'cancun',
      outputSelection: { '*': { '*': ['abi', 'evm.bytecode.object', 'evm.deployedBytecode.object'] } },
    },
  };
  const output = JSON.parse(
    solc.compile(JSON.stringify(input), {
      import(path) {
        try {
          return { contents: readFileSync(require.resolve(path), 'utf8') };
        } catch {
          return { error: `not found: ${path}` };
        }
      },
    }),
  ) as SolcOutput;
  const errors = (output.errors ?? []).filter((e) => e.severity === 'error');
  if (errors.length > 0) throw new Error(errors.map((e) => e.formattedMessage).join('\n'));
  const pick = (file: string, name: string): CompiledContract => {
    const c = output.contracts[file]?.[name];
    if (!c) throw new Error(`solc produced no ${name}`);
    return { abi: c.abi, bytecode: `0x${c.evm.bytecode.object}`, deployedBytecode: `0x${c.evm.deployedBytecode.object}` };
  };
  cached = { TestToken: pick('TestToken.sol', 'TestToken'), Multicall3Subset: pick('Multicall3Subset.sol', 'Multicall3Subset') };
  return cached;
}
