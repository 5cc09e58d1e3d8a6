import type { ConsentView, DocumentView } from '@omnifolio/shared/api';
import type { Problem } from '../lib/companion-error';
import type { CaptureProviderId } from './capture-provider';

/**
 * Messages between the content script on a provider's page, the popup and the background
 * worker. The content script cannot reach the companion (it runs with the page's origin and
 * holds no token), so everything for the companion goes through the background worker.
 * Errors cross as `Problem`s: error classes do not survive structured cloning.
 */
export type CaptureRequest =
  | { type: 'omnifolio/capture/consent-status'; providerId: CaptureProviderId; textSha256: string }
  | { type: 'omnifolio/capture/grant-consent'; providerId: CaptureProviderId; textSha256: string }
  | {
      type: 'omnifolio/capture/upload';
      providerId: CaptureProviderId;
      textSha256: string;
      origin: string;
      document: { filename: string; mediaType: string; contentBase64: string };
    };

/** Popup → content script: run the capture on this page, as the in-page button would. */
export interface StartCaptureMessage {
  type: 'omnifolio/capture/start';
}

export interface ConsentStatus {
  consented: boolean;
}

export type CaptureReply<T> = { ok: true; value: T } | { ok: false; problem: Problem };

export interface CaptureReplies {
  'omnifolio/capture/consent-status': ConsentStatus;
  'omnifolio/capture/grant-consent': ConsentView;
  'omnifolio/capture/upload': DocumentView;
}

export function isCaptureRequest(message: unknown): message is CaptureRequest {
  if (typeof message !== 'object' || message === null) return false;
  const type = (message as { type?: unknown }).type;
  return type === 'omnifolio/capture/consent-status' || type === 'omnifolio/capture/grant-consent' || type === 'omnifolio/capture/upload';
}

export function isStartCaptureMessage(message: unknown): message is StartCaptureMessage {
  return typeof message === 'object' && message !== null && (message as { type?: unknown }).type === 'omnifolio/capture/start';
}
