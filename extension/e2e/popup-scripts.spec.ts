import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { pageScripts } from '../build/page-scripts';
import { EXTENSION_DIR } from './paths';

/**
 * The built pages' scripts (build/popup-chunk.ts). Strings that minification keeps tell code
 * apart: the EIP-1193 account request and the Wallet Standard's connect feature mark the
 * wallet libraries; webextension-polyfill's refusal to load outside an extension marks it.
 */
const WALLET_CODE = ['eth_requestAccounts', 'standard:connect'];
const EXTENSION_ONLY = ['only be loaded in a browser extension'];
const carrying = (files: readonly string[], markers: readonly string[]) =>
  files.filter((file) => markers.some((marker) => readFileSync(join(EXTENSION_DIR, file), 'utf8').includes(marker)));
const scriptsOf = (page: string): string[] => {
  const files = pageScripts(EXTENSION_DIR, page);
  if (files === null) throw new Error(`${page} is not built: the global set-up builds the extension.`);
  return files;
};

test('the popup loads its code from two chunks besides its entry and its early read, without the wallet libraries', () => {
  const popup = scriptsOf('popup.html');
  expect(popup.length).toBeLessThanOrEqual(5);
  // The early read (src/lib/early-read.ts) is a classic script that must arrive before the rest.
  expect(popup).toContain('popup-early-read.js');
  expect(readFileSync(join(EXTENSION_DIR, 'popup-early-read.js'), 'utf8').length).toBeLessThan(1024);
  expect(carrying(['popup-early-read.js'], EXTENSION_ONLY)).toEqual([]);
  expect(popup.filter((file) => /\/popup-app-[\w-]+\.js$/.test(file))).toHaveLength(1);
  expect(popup.filter((file) => /\/popup-extension-[\w-]+\.js$/.test(file))).toHaveLength(1);
  expect(carrying(popup, WALLET_CODE)).toEqual([]);
  // The markers are real: the connect page's own chunks carry them.
  expect(carrying(scriptsOf('connect.html'), WALLET_CODE).length).toBeGreaterThan(0);
});

test('the pages the companion serves to a web page share the popup’s code but not its extension API', () => {
  const popupApp = scriptsOf('popup.html').filter((file) => /\/popup-app-/.test(file));
  for (const page of ['dashboard.html', 'connect.html']) {
    const files = scriptsOf(page);
    expect(files).toEqual(expect.arrayContaining(popupApp));
    expect(carrying(files, EXTENSION_ONLY), page).toEqual([]);
  }
  expect(carrying(scriptsOf('popup.html'), EXTENSION_ONLY)).toHaveLength(1);
});
