import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { CHROMIUM, EXTENSION_DIR, EXTENSION_ROOT, REPO_ROOT, RESULTS_DIR } from './paths';

/** The newest modification time under the paths that go into the build. */
function newestInput(paths: string[]): number {
  let newest = 0;
  const visit = (path: string) => {
    if (!existsSync(path)) return;
    const stat = statSync(path);
    if (stat.isDirectory()) {
      for (const entry of readdirSync(path)) if (entry !== 'node_modules') visit(join(path, entry));
    } else if (!/\.test\.tsx?$/.test(path)) {
      newest = Math.max(newest, stat.mtimeMs);
    }
  };
  for (const path of paths) visit(path);
  return newest;
}

/** Builds the extension when there is no build or the sources are newer than it. */
export default function globalSetup() {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`No Chromium at ${CHROMIUM}. Install Debian's: apt-get install -y chromium (never \`npx playwright install\`).`);
  }
  // Screenshots from an earlier run must not pass for this run's.
  if (existsSync(RESULTS_DIR)) {
    for (const entry of readdirSync(RESULTS_DIR)) if (entry.endsWith('.png')) rmSync(join(RESULTS_DIR, entry));
  }
  const manifest = join(EXTENSION_DIR, 'manifest.json');
  const inputs = [
    join(EXTENSION_ROOT, 'src'),
    join(EXTENSION_ROOT, 'public'),
    join(EXTENSION_ROOT, 'wxt.config.ts'),
    join(EXTENSION_ROOT, 'build'),
    join(EXTENSION_ROOT, 'package.json'),
    join(REPO_ROOT, 'shared', 'src'),
  ];
  if (existsSync(manifest) && statSync(manifest).mtimeMs >= newestInput(inputs)) return;
  console.log('Building the extension (wxt build)…');
  execFileSync(join(EXTENSION_ROOT, 'node_modules', '.bin', 'wxt'), ['build'], { cwd: EXTENSION_ROOT, stdio: 'inherit' });
}
