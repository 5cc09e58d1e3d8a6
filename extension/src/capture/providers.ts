import type { CaptureProvider, CaptureProviderId } from './capture-provider';
import { finpensionCapture } from './finpension/finpension-capture';
import { franklyCapture } from './frankly/frankly-capture';
import { swissborgCapture } from './swissborg/swissborg-capture';

export const CAPTURE_PROVIDERS: readonly CaptureProvider[] = [swissborgCapture, franklyCapture, finpensionCapture];

export function captureProvider(id: CaptureProviderId): CaptureProvider {
  const provider = CAPTURE_PROVIDERS.find((p) => p.id === id);
  if (!provider) throw new Error(`No capture provider "${id}".`);
  return provider;
}

/** The capture provider whose statements the companion files under this id, if any. */
export function captureProviderForCompanionId(companionProviderId: string): CaptureProvider | null {
  return CAPTURE_PROVIDERS.find((p) => p.companionProviderId === companionProviderId) ?? null;
}

export function isCaptureProviderId(value: unknown): value is CaptureProviderId {
  return CAPTURE_PROVIDERS.some((p) => p.id === value);
}

/** Added hostnames per provider, as the user saved them (capture-hosts.ts). */
export type AddedHosts = Partial<Record<CaptureProviderId, readonly string[]>>;

export function hostsOf(provider: CaptureProvider, added: AddedHosts): string[] {
  return [...new Set([...provider.hosts, ...(added[provider.id] ?? [])])];
}

/** The provider whose web app is at this hostname, shipped or added; null for any other site. */
export function providerForHost(host: string, added: AddedHosts = {}): CaptureProvider | null {
  const wanted = host.toLowerCase();
  return CAPTURE_PROVIDERS.find((p) => hostsOf(p, added).includes(wanted)) ?? null;
}
