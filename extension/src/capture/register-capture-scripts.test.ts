import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { addHost } from './capture-hosts';
import { registerCaptureScripts } from './register-capture-scripts';

interface Registered {
  id: string;
  matches?: string[];
  js?: string[];
}

/** Chrome's content-script registry and granted origins, in memory. */
function browserWith(granted: string[], registered: Registered[] = []) {
  const registry = [...registered];
  fakeBrowser.permissions.getAll = (async () => ({ origins: granted, permissions: [] })) as never;
  fakeBrowser.scripting.getRegisteredContentScripts = (async () => registry.map((r) => ({ ...r }))) as never;
  fakeBrowser.scripting.unregisterContentScripts = (async (filter: { ids: string[] }) => {
    for (const id of filter.ids)
      registry.splice(
        registry.findIndex((r) => r.id === id),
        1,
      );
  }) as never;
  fakeBrowser.scripting.registerContentScripts = (async (scripts: Registered[]) => {
    for (const s of scripts) {
      if (registry.some((r) => r.id === s.id)) throw new Error(`Duplicate script ID '${s.id}'`);
      registry.push(s);
    }
  }) as never;
  return registry;
}

describe('registerCaptureScripts', () => {
  beforeEach(() => fakeBrowser.reset());

  it('registers each provider’s script for the granted hostnames only, and nothing for the others', async () => {
    const registry = browserWith(['http://127.0.0.1/*', 'https://app.finpension.ch/*']);
    expect(await registerCaptureScripts()).toEqual(['https://app.finpension.ch/*']);
    expect(registry).toEqual([
      {
        id: 'omnifolio-capture-finpension',
        matches: ['https://app.finpension.ch/*'],
        js: ['content-scripts/finpension.js'],
        runAt: 'document_idle',
        persistAcrossSessions: true,
      },
    ]);
  });

  it('re-registers after a change (no duplicate IDs), keeps scripts of others, and follows an added hostname once granted', async () => {
    const registry = browserWith(['https://app.swissborg.com/*', 'https://web.swissborg.com/*'], [{ id: 'someone-else', matches: ['https://x.example/*'] }]);
    await registerCaptureScripts();
    await addHost('swissborg', 'web.swissborg.com');
    await registerCaptureScripts();
    expect(registry.map((r) => [r.id, r.matches])).toEqual([
      ['someone-else', ['https://x.example/*']],
      ['omnifolio-capture-swissborg', ['https://app.swissborg.com/*', 'https://web.swissborg.com/*']],
    ]);
  });
});
