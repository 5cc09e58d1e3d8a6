import '../../styles/app.css';
import { CaptureFromTab } from '../../components/CaptureFromTab';
import { DashboardView } from '../../components/DashboardView';
import { createExtensionEnvironment } from '../../lib/extension-environment';
import { mount } from '../../lib/mount';

function main() {
  mount(
    createExtensionEnvironment(),
    <>
      <CaptureFromTab />
      <DashboardView variant="popup" />
    </>,
  );
}

main();
