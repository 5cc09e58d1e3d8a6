// Makes sure dependencies are installed, with nothing but Node 20 and npm on the machine.
// pnpm runs through npx at the exact version the workspace pins (corepack cannot verify
// registry signatures on these machines; see README "Toolchain").
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

export const ROOT = new URL('..', import.meta.url).pathname;
export const PNPM_VERSION = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).packageManager.split('@')[1];

export function pnpm(args, options = {}) {
  const result = spawnSync('npx', ['--yes', `pnpm@${PNPM_VERSION}`, ...args], { cwd: ROOT, stdio: 'inherit', ...options });
  if (result.error) throw result.error;
  return result.status ?? 1;
}

export function checkNode() {
  const [major, minor] = process.versions.node.split('.').map(Number);
  if (major < 20 || (major === 20 && minor < 19)) {
    console.error(`Omnifolio needs Node.js 20.19 or newer; this is ${process.versions.node}. Install a current Node 20 or 22 LTS.`);
    process.exit(1);
  }
}

export function ensureInstall() {
  const marker = join(ROOT, 'node_modules', '.modules.yaml');
  const lock = join(ROOT, 'pnpm-lock.yaml');
  if (existsSync(marker) && statSync(marker).mtimeMs >= statSync(lock).mtimeMs) return;
  console.log('Installing dependencies (the first time compiles SQLite, about two minutes)…');
  const status = pnpm(['install', '--frozen-lockfile']);
  if (status !== 0) {
    console.error('Installing dependencies failed; the messages above say why. Check that the npm registry is reachable and run `npm start` again.');
    process.exit(status);
  }
}

/** Builds the extension when its output is missing or older than its sources. */
export function ensureExtensionBuild({ force = false } = {}) {
  const manifest = join(ROOT, 'extension', '.output', 'chrome-mv3', 'manifest.json');
  const newest = newestMtime([join(ROOT, 'extension', 'src'), join(ROOT, 'shared', 'src'), join(ROOT, 'extension', 'wxt.config.ts')]);
  if (!force && existsSync(manifest) && statSync(manifest).mtimeMs >= newest) return;
  console.log('Building the extension…');
  const status = pnpm(['--filter', '@omnifolio/extension', 'run', 'build'], { stdio: ['ignore', 'ignore', 'inherit'] });
  if (status !== 0) {
    console.error('Building the extension failed; the messages above say why.');
    process.exit(status);
  }
}

function newestMtime(paths) {
  let newest = 0;
  const walk = (p) => {
    if (!existsSync(p)) return;
    const st = statSync(p);
    if (st.isDirectory()) {
      for (const entry of readdirSyncSafe(p)) walk(join(p, entry));
    } else newest = Math.max(newest, st.mtimeMs);
  };
  for (const p of paths) walk(p);
  return newest;
}

function readdirSyncSafe(p) {
  try {
    return readdirSync(p);
  } catch {
    return [];
  }
}
