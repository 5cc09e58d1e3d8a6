import { describe, expect, it } from 'vitest';
import { type DiscoveredEvmWallet, discoverEvmWallets, safeIcon } from './evm-wallet-discovery';

const ICON = 'data:image/svg+xml;base64,PHN2Zy8+';
const provider = { request: async () => null };
const info = (uuid: string, name: string) => ({ uuid, name, icon: ICON, rdns: `test.${name.toLowerCase()}` });

/** A window stand-in: EventTarget is all EIP-6963 needs. */
function fakeWindow() {
  const target = new EventTarget();
  const announce = (detail: unknown) => target.dispatchEvent(Object.assign(new Event('eip6963:announceProvider'), { detail }));
  return { target: target as unknown as Window, announce };
}

describe('EIP-6963 discovery', () => {
  it('asks wallets to announce, lists each wallet once in the order they answered, and skips malformed announcements', () => {
    const { target, announce } = fakeWindow();
    let requests = 0;
    target.addEventListener('eip6963:requestProvider', () => {
      requests += 1;
      announce({ info: info('u-1', 'Rabby'), provider });
    });
    const seen: string[][] = [];
    const stop = discoverEvmWallets(target, (wallets: DiscoveredEvmWallet[]) => seen.push(wallets.map((w) => w.info.name)));
    expect(requests).toBe(1);
    announce({ info: info('u-2', 'MetaMask'), provider });
    announce({ info: info('u-1', 'Rabby'), provider });
    announce({ info: { uuid: 'u-3', name: 'No provider' } });
    announce({ info: info('u-4', 'No request'), provider: {} });
    expect(seen).toEqual([['Rabby'], ['Rabby', 'MetaMask']]);
    stop();
    announce({ info: info('u-5', 'Late'), provider });
    expect(seen).toHaveLength(2);
  });

  it('shows only image data URIs as icons', () => {
    expect(safeIcon(ICON)).toBe(ICON);
    expect(safeIcon('data:image/png;base64,iVBORw0KGgo=')).toBe('data:image/png;base64,iVBORw0KGgo=');
    expect(safeIcon('https://tracker.example/icon.png')).toBeNull();
    expect(safeIcon('javascript:alert(1)')).toBeNull();
    expect(safeIcon('data:text/html;base64,PHNjcmlwdD4=')).toBeNull();
  });
});
