/**
 * What the capture needs to know about one provider's web app. Each provider is a small
 * file in `capture/<provider>/` that fills this in; the DOM walking itself is generic
 * (find-statement-sources.ts), so a provider only says where its documents and tables are.
 */
export type CaptureProviderId = 'swissborg' | 'frankly' | 'finpension';

export interface TableRule {
  /** Names the captured file: `<provider>-<label>-<date>.csv`. */
  label: string;
  /** What the consent dialog calls it ("the transactions table"). */
  description: string;
  /**
   * Header words that must all appear (case-insensitive, each as part of some column
   * header) for a table on the page to be this one. Several alternatives cover the
   * provider's languages.
   */
  headerSets: readonly (readonly string[])[];
}

export interface CaptureProvider {
  id: CaptureProviderId;
  /** The companion's id for this provider's statements (its parser registry and consents). */
  companionProviderId: string;
  name: string;
  /** The web app's hostnames as shipped; the user can add more (capture-hosts.ts). */
  hosts: readonly string[];
  /** The statement files the consent dialog says will be read, in the provider's words. */
  documentsDescription: string;
  tables: readonly TableRule[];
  /**
   * Paths of the provider's own export endpoints (same origin), for links and buttons
   * whose URL has no file extension, such as `/api/v1/reports/account-statement?format=xlsx`.
   */
  exportPaths: readonly RegExp[];
}

/** The match pattern that covers one hostname: HTTPS only, every path. */
export function hostPattern(host: string): string {
  return `https://${host}/*`;
}
