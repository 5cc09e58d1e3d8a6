import '../../styles/app.css';
import { DashboardView } from '../../components/DashboardView';
import { createExtensionEnvironment } from '../../lib/extension-environment';
import { mount } from '../../lib/mount';

function main() {
  mount(createExtensionEnvironment(), <DashboardView variant="popup" />);
}

main();
