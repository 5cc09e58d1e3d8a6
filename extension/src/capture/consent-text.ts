import type { CaptureProvider } from './capture-provider';

/**
 * The words a person agrees to before the first capture from a provider. The companion
 * records the SHA-256 of exactly this text, so a change of wording (a new version here)
 * asks again instead of stretching an old agreement over new behaviour.
 */
export const CONSENT_VERSION = 1;

export function consentText(provider: CaptureProvider, hosts: readonly string[]): string {
  const tables = provider.tables.map((t) => t.description).join(' and ');
  return [
    `Capture from ${provider.name} (consent text version ${CONSENT_VERSION})`,
    '',
    `When you click Capture on ${hosts.join(', ')}, Omnifolio reads, in that tab and with your logged-in ${provider.name} session:`,
    `• the ${provider.documentsDescription};`,
    `• ${tables}, if the page shows them, saved as CSV files.`,
    '',
    'It sends these files only to the Omnifolio companion on this computer (127.0.0.1). The companion stores each file and the balances and transactions it reads from them in its database on this computer. Nothing is sent to Omnifolio or anyone else.',
    '',
    'It does not read passwords, messages, personal details or anything on other pages, and it never acts in your account. It reads only when you click Capture.',
    '',
    'You can revoke this agreement in the extension’s options under Statements; captured files stay in the companion until you delete them.',
  ].join('\n');
}

/** Hex SHA-256 of the text's UTF-8 bytes (Web Crypto: the same in the page, the worker and Node). */
export async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}
