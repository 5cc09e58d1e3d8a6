import { hostPattern } from './capture-provider';
import { CAPTURE_PROVIDERS } from './providers';

/**
 * The manifest's `optional_host_permissions`: the providers' web apps, plus any HTTPS host
 * so a hostname the person adds (a provider moved) can be asked for. Optional: nothing is
 * granted at install; each hostname is asked for, alone, when the person first captures there.
 */
export function captureHostPermissions(): string[] {
  return [...CAPTURE_PROVIDERS.flatMap((p) => p.hosts.map(hostPattern)), 'https://*/*'];
}
