import { useState } from 'react';
import browser from 'webextension-polyfill';
import { removeHost } from '../capture/capture-hosts';
import { hostPattern } from '../capture/capture-provider';
import { CAPTURE_PROVIDERS, hostsOf } from '../capture/providers';
import type { CaptureSites } from '../hooks/useCaptureSites';
import { AddCaptureHostForm } from './AddCaptureHostForm';

/**
 * Each provider's web-app hostnames and whether capture may run there. "Allow" asks the
 * browser for that one hostname (from this click: the browser needs the gesture); after
 * that the capture button appears on the provider's pages.
 */
export function CaptureSitesList({ sites }: { sites: CaptureSites }) {
  const [problem, setProblem] = useState<string | null>(null);
  const allow = (host: string) => {
    setProblem(null);
    void browser.permissions.request({ origins: [hostPattern(host)] }).then(
      (granted) => {
        if (!granted) setProblem(`Access to ${host} was not granted; capture stays off there.`);
      },
      (error: unknown) => setProblem(`The browser refused to ask for ${host}: ${error instanceof Error ? error.message : String(error)}`),
    );
  };
  const revoke = (host: string) => void browser.permissions.remove({ origins: [hostPattern(host)] });

  return (
    <div data-testid="capture-sites">
      <ul className="rows">
        {CAPTURE_PROVIDERS.flatMap((provider) =>
          hostsOf(provider, sites.added).map((host) => {
            const granted = sites.granted.includes(hostPattern(host));
            const added = !provider.hosts.includes(host);
            return (
              <li key={`${provider.id}:${host}`} className="row" data-testid="capture-site" data-host={host} data-granted={granted}>
                <span>
                  <strong>{provider.name}</strong> · {host}
                  {added && ' (added by you)'} — {granted ? 'capture allowed' : 'not allowed yet'}
                </span>
                <span>
                  {granted ? (
                    <button type="button" className="button button--small" onClick={() => revoke(host)} data-testid="capture-site-revoke">
                      Withdraw access
                    </button>
                  ) : (
                    <button type="button" className="button button--small button--primary" onClick={() => allow(host)} data-testid="capture-site-allow">
                      Allow capture on {host}
                    </button>
                  )}
                  {added && (
                    <button
                      type="button"
                      className="button button--small button--quiet-danger"
                      onClick={() => void browser.permissions.remove({ origins: [hostPattern(host)] }).then(() => removeHost(provider.id, host))}
                    >
                      Remove
                    </button>
                  )}
                </span>
              </li>
            );
          }),
        )}
      </ul>
      {problem && (
        <p className="text-muted" role="alert" data-testid="capture-site-problem">
          {problem}
        </p>
      )}
      <AddCaptureHostForm onAdded={allow} />
    </div>
  );
}
