import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** Largest file kept: a multi-year statement PDF is a few MiB; a 25 MiB file is not a statement. */
export const MAX_DOCUMENT_BYTES = 25 * 1024 * 1024;

export interface StoredFile {
  sha256: string;
  /** Below the data directory: `documents/ab/abcdef…`. */
  storedPath: string;
}

/**
 * The content-addressed store of originals: `<dataDir>/documents/<first two hex>/<sha256>`.
 * Files are written before anything parses them, atomically (temp file + rename), with
 * owner-only permissions: statements are as private as the keys. The same bytes twice are
 * one file.
 */
export function createDocumentStore(dataDir: string) {
  const pathOf = (sha256: string) => join('documents', sha256.slice(0, 2), sha256);
  return {
    put(bytes: Uint8Array): StoredFile {
      const sha256 = createHash('sha256').update(bytes).digest('hex');
      const storedPath = pathOf(sha256);
      const full = join(dataDir, storedPath);
      if (!existsSync(full)) {
        mkdirSync(dirname(full), { recursive: true, mode: 0o700 });
        const temp = `${full}.${process.pid}.tmp`;
        writeFileSync(temp, bytes, { mode: 0o600 });
        renameSync(temp, full);
      }
      return { sha256, storedPath };
    },
    read(storedPath: string): Uint8Array {
      return new Uint8Array(readFileSync(join(dataDir, storedPath)));
    },
    /** Deletes an original; only the demo portfolio's documents are ever deleted. */
    remove(storedPath: string): void {
      rmSync(join(dataDir, storedPath), { force: true });
    },
  };
}

export type DocumentStore = ReturnType<typeof createDocumentStore>;
