// The popup's early read (src/lib/early-read.ts says why; early-read.test.ts runs this file).
// Plain JavaScript in public/, copied as is: a classic script of a few hundred bytes that the
// popup's HTML loads before its modules, with the browser's own storage API, which returns
// promises in Chrome's MV3 (`chrome.storage`) and in Firefox (`browser.storage`).
(() => {
  const api = globalThis.browser?.storage ? globalThis.browser : globalThis.chrome;
  try {
    const read = api?.storage?.local?.get(['lastOverview', 'currency', 'lastAnalytics']);
    if (read && typeof read.then === 'function') globalThis.__omnifolioEarlyRead = read;
  } catch {
    // An older browser without promises: the popup reads for itself.
  }
})();
