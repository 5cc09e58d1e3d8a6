import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * Where the companion keeps its SQLite file, key file and documents, following each
 * platform's convention: XDG on Linux, Application Support on macOS, %APPDATA% on Windows.
 * `OMNIFOLIO_DATA_DIR` overrides.
 */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (env.OMNIFOLIO_DATA_DIR) return env.OMNIFOLIO_DATA_DIR;
  const home = env.HOME ?? homedir();
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', 'Omnifolio');
  if (platform === 'win32') return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), 'Omnifolio');
  return join(env.XDG_DATA_HOME || join(home, '.local', 'share'), 'omnifolio');
}

export function databasePath(dataDir: string): string {
  return join(dataDir, 'omnifolio.sqlite');
}
