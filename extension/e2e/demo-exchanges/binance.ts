import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../paths';
import type { DemoHoldings } from './demo-holdings';

interface IsolatedSide {
  asset: string;
  free: string;
  locked: string;
  borrowed: string;
  interest: string;
}

/**
 * The demo Binance account (simulators/binance/demo-account.json): the spot account, each asset
 * `free` plus `locked` (in open orders), and one isolated margin pair whose two sides each count
 * `free` + `locked` − `borrowed` − `interest` (a loan is owed, so it counts negative). No futures
 * wallet, so no positions.
 */
export function binanceDemoHoldings(): DemoHoldings {
  const file = join(REPO_ROOT, 'companion', 'src', 'simulators', 'binance', 'demo-account.json');
  const account = JSON.parse(readFileSync(file, 'utf8')) as {
    balances: { asset: string; free: string; locked: string }[];
    isolatedMargin: { assets: { baseAsset: IsolatedSide; quoteAsset: IsolatedSide }[] };
  };
  const isolatedSides = account.isolatedMargin.assets.flatMap((pair) => [pair.baseAsset, pair.quoteAsset]);
  return {
    balances: [
      ...account.balances.flatMap(({ asset, free, locked }) => [
        { asset, quantity: free },
        { asset, quantity: locked },
      ]),
      ...isolatedSides.flatMap(({ asset, free, locked, borrowed, interest }) => [
        { asset, quantity: free },
        { asset, quantity: locked },
        { asset, quantity: `-${borrowed}` },
        { asset, quantity: `-${interest}` },
      ]),
    ],
    positions: [],
  };
}
