import { existsSync, readFileSync } from 'node:fs';
import { join, posix } from 'node:path';

/**
 * The script files a built extension page loads at start: those its HTML names (entry and
 * modulepreload) and every chunk they import, statically or not, paths relative to `outDir`.
 * Null when the page is not built.
 */
export function pageScripts(outDir: string, page: string): string[] | null {
  const htmlPath = join(outDir, page);
  if (!existsSync(htmlPath)) return null;
  const html = readFileSync(htmlPath, 'utf8');
  const files = new Set<string>();
  for (const m of html.matchAll(/(?:src|href)="\/?([^"]+\.js)"/g)) files.add(m[1]!);
  const queue = [...files];
  while (queue.length > 0) {
    const file = queue.pop()!;
    const text = readFileSync(join(outDir, file), 'utf8');
    for (const m of text.matchAll(/from\s*"\.\/([^"]+\.js)"|import\("\.\/([^"]+\.js)"\)/g)) {
      const next = posix.join(posix.dirname(file), m[1] ?? m[2]!);
      if (!files.has(next)) {
        files.add(next);
        queue.push(next);
      }
    }
  }
  return [...files].sort();
}
