import type { InlineConfig } from 'vite';

/** What Rolldown tells a chunking group about a module: who imports it and what it imports, statically. */
interface ModuleGraph {
  getModuleInfo(id: string): { importers: readonly string[]; importedIds: readonly string[] } | null;
}

const POPUP_ENTRY = /[\\/]entrypoints[\\/]popup[\\/]/;
const EXTENSION_API = /[\\/]node_modules[\\/].*webextension-polyfill[\\/]/;

/** True when `id` reaches a module matching `target` through the graph's `edge` lists, statically. */
function reaches(id: string, target: RegExp, edge: 'importers' | 'importedIds', graph: ModuleGraph, seen = new Set<string>()): boolean {
  if (seen.has(id)) return false;
  seen.add(id);
  return (graph.getModuleInfo(id)?.[edge] ?? []).some((next) => target.test(next) || reaches(next, target, edge, graph, seen));
}

/**
 * Puts the modules the popup loads at start into two chunks: `popup-app` (the dashboard, React,
 * decimals, the companion's client) and `popup-extension` (what needs the browser's extension
 * API: webextension-polyfill and the code built on it).
 *
 * Why: the popup opens from scratch each time it is clicked, and Rolldown's automatic
 * splitting cut the code it shares with the options page, the full-tab dashboard and the
 * wallet-connect page into seven files, each fetched from the extension and instantiated
 * before the first render. Fewer files took the popup's median first paint with the demo's
 * data from about 260 ms to about 220 ms in Debian's Chromium (bench/popup-first-paint.ts).
 *
 * Two, not one: the companion serves the dashboard and the connect page to ordinary web pages
 * too, which load `popup-app`; webextension-polyfill throws when it is evaluated outside an
 * extension, so it stays in the chunk only extension pages load. Only modules the popup imports
 * statically are grouped, so the connect page's wallet libraries (viem, Solana, Wallet
 * Standard) stay out of the popup. e2e/popup-scripts.spec.ts checks all three on the built
 * extension. Applied to the build of the HTML pages only: content scripts and the background
 * worker are single files already.
 */
export function withPopupChunk(config: InlineConfig): void {
  config.build ??= {};
  config.build.rolldownOptions ??= {};
  const rolldown = config.build.rolldownOptions;
  rolldown.output ??= {};
  const output = Array.isArray(rolldown.output) ? rolldown.output[0] : rolldown.output;
  if (output === undefined) throw new Error('The pages build has no output options to add the popup chunks to.');
  output.codeSplitting = {
    groups: [
      {
        debugName: 'popup chunks',
        name: (id: string, graph: ModuleGraph) => {
          if (POPUP_ENTRY.test(id) || !reaches(id, POPUP_ENTRY, 'importers', graph)) return null;
          return EXTENSION_API.test(id) || reaches(id, EXTENSION_API, 'importedIds', graph) ? 'popup-extension' : 'popup-app';
        },
      },
    ],
  };
}
