// The test harness's Hardhat node (test/support/evm/hardhat-node.ts). Chain id 1, so test
// tokens can sit at their real mainnet addresses; Hardhat's default funded accounts. No
// contracts/ folder, so `hardhat node` has nothing to compile and never downloads solc: the
// test contracts are compiled with solc-js (test/support/evm/compile-contracts.ts).
module.exports = {
  networks: { hardhat: { chainId: 1, mining: { auto: true } } },
};
