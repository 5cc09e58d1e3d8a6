// `npm start`: installs what is missing, builds the extension, and starts the companion
// (with the demo portfolio when there are no connections yet). Extra arguments go to
// `omnifolio serve`, e.g. `npm start -- --port 48000 --no-demo`.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { checkNode, ensureExtensionBuild, ensureInstall, ROOT } from './ensure-install.mjs';

checkNode();
ensureInstall();
ensureExtensionBuild();

const tsx = join(ROOT, 'companion', 'node_modules', '.bin', 'tsx');
const child = spawn(tsx, [join(ROOT, 'companion', 'src', 'cli', 'main.ts'), 'serve', ...process.argv.slice(2)], {
  cwd: ROOT,
  stdio: 'inherit',
  env: { ...process.env, OMNIFOLIO_LOG_LEVEL: process.env.OMNIFOLIO_LOG_LEVEL ?? 'warn' },
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
