import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const EXTENSION_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const REPO_ROOT = join(EXTENSION_ROOT, '..');
export const EXTENSION_DIR = join(EXTENSION_ROOT, '.output', 'chrome-mv3');
export const RESULTS_DIR = join(EXTENSION_ROOT, 'test-results');
export const CHROMIUM = process.env.OMNIFOLIO_CHROMIUM ?? '/usr/bin/chromium';
/** The companion's own tsx, as `npm start` uses it (the repo root has no tsx binary). */
export const TSX = join(REPO_ROOT, 'companion', 'node_modules', '.bin', 'tsx');
