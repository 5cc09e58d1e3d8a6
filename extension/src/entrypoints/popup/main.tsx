import '../../styles/app.css';
import { CaptureFromTab } from '../../components/CaptureFromTab';
import { DashboardView } from '../../components/DashboardView';
import { takeEarlyRead } from '../../lib/early-read';
import { createExtensionEnvironment } from '../../lib/extension-environment';
import { mount } from '../../lib/mount';
import { readRemembered } from '../../lib/remembered';
import { rememberedIn } from '../../lib/settings';

async function main() {
  const environment = createExtensionEnvironment();
  // Usually read already, by popup-early-read.js while these modules loaded; else read now.
  const early = takeEarlyRead();
  const remembered = await (early === null ? readRemembered(environment.preferences) : early.then(rememberedIn, () => readRemembered(environment.preferences)));
  // For profiles and the end-to-end test: when the first frame's data was in hand, and from where.
  performance.mark('omnifolio:remembered', { detail: early === null ? 'read' : 'early read' });
  mount(
    environment,
    <>
      <CaptureFromTab />
      <DashboardView variant="popup" remembered={remembered} />
    </>,
  );
}

void main();
