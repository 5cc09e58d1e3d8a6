import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../paths';
import type { DemoHoldings } from './demo-holdings';

/**
 * The demo Binance account (simulators/binance/demo-account.json): a spot account only, each
 * asset `free` plus `locked` (in open orders). No futures wallet, so no positions.
 */
export function binanceDemoHoldings(): DemoHoldings {
  const file = join(REPO_ROOT, 'companion', 'src', 'simulators', 'binance', 'demo-account.json');
  const account = JSON.parse(readFileSync(file, 'utf8')) as { balances: { asset: string; free: string; locked: string }[] };
  return {
    balances: account.balances.flatMap(({ asset, free, locked }) => [
      { asset, quantity: free },
      { asset, quantity: locked },
    ]),
    positions: [],
  };
}
