import type { EIP1193Provider } from 'viem';

/** What an EIP-6963 wallet says about itself (`eip6963:announceProvider`'s `detail.info`). */
export interface Eip6963ProviderInfo {
  uuid: string;
  name: string;
  /** A data: URI (the standard requires one), shown as the wallet's icon. */
  icon: string;
  /** Reverse-DNS id (`io.metamask`), stable across sessions. */
  rdns: string;
}

export interface DiscoveredEvmWallet {
  info: Eip6963ProviderInfo;
  provider: EIP1193Provider;
}

function isAnnouncement(detail: unknown): detail is DiscoveredEvmWallet {
  const d = detail as Partial<DiscoveredEvmWallet> | null;
  return (
    typeof d?.info?.uuid === 'string' &&
    typeof d.info.name === 'string' &&
    typeof d.info.rdns === 'string' &&
    typeof d.info.icon === 'string' &&
    typeof d.provider?.request === 'function'
  );
}

/**
 * EIP-6963 discovery: every injected EVM wallet announces itself (several can coexist, unlike
 * the single `window.ethereum` they used to fight over). Listens for announcements, asks all
 * wallets to announce (`eip6963:requestProvider`), and calls `onChange` with the wallets found
 * so far, one entry per uuid, in the order they answered. Returns the function that stops
 * listening. A wallet installed later announces itself when it loads, so this keeps listening.
 */
export function discoverEvmWallets(target: Window, onChange: (wallets: DiscoveredEvmWallet[]) => void): () => void {
  const found = new Map<string, DiscoveredEvmWallet>();
  const onAnnounce = (event: Event) => {
    const detail = (event as CustomEvent<unknown>).detail;
    if (!isAnnouncement(detail) || found.has(detail.info.uuid)) return;
    found.set(detail.info.uuid, { info: { ...detail.info }, provider: detail.provider });
    onChange([...found.values()]);
  };
  target.addEventListener('eip6963:announceProvider', onAnnounce);
  target.dispatchEvent(new Event('eip6963:requestProvider'));
  return () => target.removeEventListener('eip6963:announceProvider', onAnnounce);
}

/** Only image data URIs are shown as icons: a wallet cannot make the page load anything. */
export function safeIcon(icon: string): string | null {
  return /^data:image\/(png|svg\+xml|webp|jpeg|gif);base64,[A-Za-z0-9+/=]+$/.test(icon) || /^data:image\/svg\+xml,/.test(icon) ? icon : null;
}
