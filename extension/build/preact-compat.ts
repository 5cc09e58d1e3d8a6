import type { Alias } from 'vite';

/**
 * The extension's pages are written against React's API and run on Preact through
 * `preact/compat`, in the build and in the unit tests alike (vitest.config.ts), so the tests
 * exercise what ships.
 *
 * Why: the popup starts from scratch every time it is clicked, and in a trace of its opening
 * the browser took 80–110 ms to hand the page its script files before any of them ran. React
 * DOM was two thirds of that script (202 kB of 315 kB minified); with Preact the popup's
 * scripts are 45 kB gzipped instead of 104 kB. In Debian's Chromium on a 2-core machine, with
 * the demo's data, two alternating rounds of 24 openings each
 * (bench/popup-first-paint.ts' marks) put the total on screen 18–56 ms sooner at the median,
 * at the start of its frame and at its paint alike. An earlier try measured only
 * 10 ms, with seven script files still in the way. The types stay React's (@types/react):
 * compat implements that API, and the components read as ordinary React code.
 *
 * Order matters: the subpaths before the bare names they start with.
 */
export const PREACT_COMPAT: Alias[] = [
  { find: /^react-dom\/client$/, replacement: 'preact/compat/client' },
  { find: /^react-dom\/server$/, replacement: 'preact/compat/server' },
  { find: /^react-dom$/, replacement: 'preact/compat' },
  { find: /^react\/jsx-runtime$/, replacement: 'preact/jsx-runtime' },
  { find: /^react\/jsx-dev-runtime$/, replacement: 'preact/jsx-dev-runtime' },
  { find: /^react$/, replacement: 'preact/compat' },
];
