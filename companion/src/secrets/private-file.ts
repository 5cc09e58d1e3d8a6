import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, linkSync, mkdirSync, openSync, readFileSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { InsecureKeyFileError } from './secret-errors.js';

/**
 * Small files only this user may read: the key file, the passphrase salt and verifier.
 * Synchronous on purpose: they are read once at start-up, before anything else runs.
 */

/**
 * Creates `path` holding `bytes` with mode 0600, only if it does not exist yet. Returns
 * false when another process (or an earlier run) created it first.
 *
 * The bytes go to a temporary file opened with `wx` (never follows or reuses an existing
 * file), are fsynced, and are then hard-linked into place. `link` fails if the target
 * exists, so the file appears whole or not at all: a crash can never leave a half-written
 * key that the next start would take for a real one.
 */
export function createPrivateFileExclusive(path: string, bytes: Uint8Array): boolean {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const tmp = `${path}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  const fd = openSync(tmp, 'wx', 0o600);
  try {
    writeSync(fd, bytes);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  try {
    linkSync(tmp, path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  } finally {
    unlinkSync(tmp);
  }
  syncDirectory(dirname(path));
  return true;
}

/** Refuses a file that group or others can access (ssh does the same for private keys). */
export function assertPrivateFile(path: string): void {
  // Windows has ACLs, not mode bits; Node reports 0o666 there whatever the ACL says.
  if (process.platform === 'win32') return;
  const stats = statSync(path);
  if ((stats.mode & 0o077) !== 0) throw new InsecureKeyFileError(path, stats.mode);
}

/** Reads a private file after checking its permissions; undefined if it does not exist. */
export function readPrivateFile(path: string): Buffer | undefined {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  assertPrivateFile(path);
  return bytes;
}

/** Makes the new directory entry durable, so a power cut cannot lose a key already in use. */
function syncDirectory(dir: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(dir, 'r');
    fsyncSync(fd);
  } catch {
    // Not supported on every platform (Windows); the file itself is already synced.
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
