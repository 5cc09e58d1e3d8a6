import { CompanionRequestError, CompanionUnreachableError, type Problem, START_HINT } from '../lib/companion-error';
import type { StatementsClient } from '../lib/statements-client';
import type { CaptureReplies, CaptureReply, CaptureRequest } from './capture-messages';
import { type AddedHosts, captureProvider, hostsOf } from './providers';

export interface CaptureRequestContext {
  /** Null when the extension is not paired with a companion. */
  client: StatementsClient | null;
  /** Where the message came from: the page's URL as the browser reports it, never as the page claims. */
  senderUrl: string | null;
  addedHosts: AddedHosts;
}

/**
 * The background worker's side of a capture. It is the gate: a document is forwarded only
 * from a tab on one of the provider's hostnames and only after the companion holds the
 * person's consent to exactly the text they were shown.
 */
export async function handleCaptureRequest<R extends CaptureRequest>(
  request: R,
  context: CaptureRequestContext,
): Promise<CaptureReply<CaptureReplies[R['type']]>> {
  try {
    return { ok: true, value: (await answer(request, context)) as CaptureReplies[R['type']] };
  } catch (error) {
    return { ok: false, problem: toProblem(error) };
  }
}

async function answer(request: CaptureRequest, context: CaptureRequestContext): Promise<CaptureReplies[CaptureRequest['type']]> {
  const provider = captureProvider(request.providerId);
  const host = context.senderUrl ? safeHost(context.senderUrl) : null;
  if (host === null || !hostsOf(provider, context.addedHosts).includes(host)) {
    throw new CaptureProblem({
      code: 'capture_wrong_site',
      message: `Capture for ${provider.name} only runs on ${hostsOf(provider, context.addedHosts).join(', ')}${host ? `, not on ${host}` : ''}.`,
      hints: ['If the provider moved its web app, add the new hostname in the extension’s options under Statements.'],
    });
  }
  const client = context.client;
  if (!client) {
    throw new CaptureProblem({
      code: 'not_paired',
      message: 'The extension is not paired with the Omnifolio companion yet.',
      hints: ['Open the extension’s options and pair it first.'],
    });
  }
  const companionId = provider.companionProviderId;
  const consented = async () => (await client.consents(companionId)).some((c) => c.revokedAt === null && c.textSha256 === request.textSha256);
  switch (request.type) {
    case 'omnifolio/capture/consent-status':
      return { consented: await consented() };
    case 'omnifolio/capture/grant-consent':
      return client.grantConsent(companionId, request.textSha256);
    case 'omnifolio/capture/upload':
      if (!(await consented())) {
        throw new CaptureProblem({
          code: 'consent_required',
          message: `No agreement to capture from ${provider.name} is recorded (or it was revoked).`,
          hints: ['Click Capture again and read and accept what will be read.'],
        });
      }
      return client.uploadDocument({ ...request.document, providerId: companionId, origin: request.origin });
  }
}

function safeHost(url: string): string | null {
  try {
    return new URL(url).hostname.toLowerCase();
  } catch {
    return null;
  }
}

class CaptureProblem extends Error {
  constructor(readonly problem: Problem) {
    super(problem.message);
  }
}

function toProblem(error: unknown): Problem {
  if (error instanceof CaptureProblem) return error.problem;
  if (error instanceof CompanionRequestError) return error.problem;
  if (error instanceof CompanionUnreachableError) return { code: 'companion_unreachable', message: error.message, hints: [START_HINT] };
  return { code: 'capture_failed', message: error instanceof Error ? error.message : String(error), hints: [] };
}
