import { createRoot } from 'react-dom/client';
import browser from 'webextension-polyfill';
import { getAddedHosts } from './capture-hosts';
import type { CaptureReplies, CaptureReply, CaptureRequest } from './capture-messages';
import { isStartCaptureMessage } from './capture-messages';
import type { CaptureProvider } from './capture-provider';
import { hostsOf } from './providers';
import { runCapture } from './run-capture';
import { CaptureControl } from './ui/CaptureControl';
import { CAPTURE_CONTROL_CSS } from './ui/capture-control-styles';

const HOST_ELEMENT = 'omnifolio-capture';

/**
 * What each provider's content script runs: the capture control in a shadow root at the
 * end of the page, and the popup's "Capture from this tab" wired to the same button.
 * Injected twice (registered script plus the popup's injection) it mounts once.
 */
export async function startCaptureContent(provider: CaptureProvider): Promise<void> {
  // A second injection (registered script, then the popup's) finds the control and stops.
  if (document.querySelector(HOST_ELEMENT)) return;
  const host = document.createElement(HOST_ELEMENT);
  const shadow = host.attachShadow({ mode: 'open' });
  const style = document.createElement('style');
  style.textContent = CAPTURE_CONTROL_CSS;
  const container = document.createElement('div');
  shadow.append(style, container);
  document.documentElement.append(host);

  // Listen before anything async: the popup sends "start" right after injecting this script.
  let trigger: (() => void) | null = null;
  let startWhenReady = false;
  browser.runtime.onMessage.addListener((message: unknown) => {
    if (!isStartCaptureMessage(message)) return undefined;
    if (trigger) trigger();
    else startWhenReady = true;
    return Promise.resolve({ started: true });
  });
  const hosts = hostsOf(provider, await getAddedHosts());

  const send = <R extends CaptureRequest>(request: R) => browser.runtime.sendMessage(request) as Promise<CaptureReply<CaptureReplies[R['type']]>>;
  createRoot(container).render(
    <CaptureControl
      provider={provider}
      registerTrigger={(t) => {
        trigger = t;
        if (startWhenReady) {
          startWhenReady = false;
          t();
        }
      }}
      capture={({ onProgress, askConsent }) =>
        runCapture({
          provider,
          hosts,
          document,
          pageUrl: location.href,
          now: () => new Date(),
          // The page's own fetch context: same origin, the person's cookies.
          fetch: (input, init) => fetch(input, init),
          send,
          askConsent,
          onProgress,
        })
      }
    />,
  );
}
