import '../../styles/app.css';
import { CaptureFromTab } from '../../components/CaptureFromTab';
import { DashboardView } from '../../components/DashboardView';
import { createExtensionEnvironment } from '../../lib/extension-environment';
import { mount } from '../../lib/mount';
import { readRemembered } from '../../lib/remembered';

async function main() {
  const environment = createExtensionEnvironment();
  const remembered = await readRemembered(environment.preferences);
  mount(
    environment,
    <>
      <CaptureFromTab />
      <DashboardView variant="popup" remembered={remembered} />
    </>,
  );
}

void main();
