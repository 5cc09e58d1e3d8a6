import '../../styles/app.css';
import { OptionsView } from '../../components/OptionsView';
import { createExtensionEnvironment } from '../../lib/extension-environment';
import { mount } from '../../lib/mount';

function main() {
  mount(createExtensionEnvironment(), <OptionsView />);
}

main();
