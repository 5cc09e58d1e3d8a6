import '../../styles/app.css';
import { DashboardView } from '../../components/DashboardView';
import type { Environment } from '../../lib/environment';
import { mount } from '../../lib/mount';
import { createPageEnvironment } from '../../lib/page-environment';
import { readRemembered } from '../../lib/remembered';

/**
 * This page runs in two places:
 * - inside the extension (chrome-extension://…/dashboard.html): token from extension storage;
 * - served by the companion at http://127.0.0.1:<port>/ in a normal tab: no extension API,
 *   the companion's session cookie instead.
 * The extension module is imported only in the first case, because webextension-polyfill
 * throws when it is loaded outside an extension.
 */
async function chooseEnvironment(): Promise<Environment> {
  const inExtension = location.protocol === 'chrome-extension:' || location.protocol === 'moz-extension:';
  if (inExtension) {
    const { createExtensionEnvironment } = await import('../../lib/extension-environment');
    return createExtensionEnvironment({ dashboard: true });
  }
  return createPageEnvironment(location.origin);
}

async function main() {
  const environment = await chooseEnvironment();
  mount(environment, <DashboardView variant="page" remembered={await readRemembered(environment.preferences)} />);
}

void main();
