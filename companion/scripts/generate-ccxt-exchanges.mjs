// Regenerates src/connectors/ccxt/ccxt-exchanges.json from the installed ccxt.
//
//   node companion/scripts/generate-ccxt-exchanges.mjs
//
// Why a generated file: listing the exchanges ccxt supports needs only names, credential
// fields and capability flags, but importing ccxt to read them costs ~0.8 s and ~130 MB. The
// providers list is requested every time the options page opens, so the companion reads this
// small file instead and imports ccxt only when a connection of such an exchange syncs. Run
// this script after every ccxt upgrade (the file records the version it was made from, and a
// test fails when the installed ccxt differs).
import { readFileSync, writeFileSync } from 'node:fs';
import ccxt from 'ccxt';

/** The credential fields ccxt can ask for, in the order a form shows them. */
const CREDENTIALS = ['apiKey', 'secret', 'password', 'uid', 'login', 'accountId', 'twofa', 'privateKey', 'walletAddress', 'token'];
/** The capabilities a read-only portfolio sync uses. */
const HAS = ['fetchBalance', 'fetchMyTrades', 'fetchDeposits', 'fetchWithdrawals', 'fetchPositions', 'watchBalance', 'watchPositions'];

const exchanges = ccxt.exchanges.map((id) => {
  const rest = new ccxt[id]();
  const pro = Object.hasOwn(ccxt.pro, id) ? new ccxt.pro[id]() : undefined;
  const has = {};
  for (const key of HAS) {
    const value = (pro ?? rest).has[key];
    // ccxt says true, false, 'emulated' or undefined (unknown); we keep true and 'emulated'.
    has[key] = value === true || value === 'emulated';
  }
  return {
    id,
    name: rest.name,
    credentials: CREDENTIALS.filter((key) => rest.requiredCredentials[key] === true),
    has,
  };
});

// The installed package's version: ccxt's own `version` export lags it by one patch in 4.5.84.
const { version } = JSON.parse(readFileSync(new URL('../node_modules/ccxt/package.json', import.meta.url), 'utf8'));
const file = {
  ccxtVersion: version,
  generatedBy: 'companion/scripts/generate-ccxt-exchanges.mjs',
  exchanges,
};
const target = new URL('../src/connectors/ccxt/ccxt-exchanges.json', import.meta.url);
// Short lists of strings on one line, as the repository's formatter (Biome) writes them.
const text = JSON.stringify(file, null, 2).replace(/\[\n\s+("[^"\n]*"(?:,\n\s+"[^"\n]*")*)\n\s+\]/g, (_, items) => `[${items.split(/,\n\s+/).join(', ')}]`);
writeFileSync(target, `${text}\n`);
console.log(`wrote ${exchanges.length} exchanges from ccxt ${version} to ${target.pathname}`);
