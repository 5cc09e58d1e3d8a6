import browser from 'webextension-polyfill';
import { defineBackground } from 'wxt/utils/define-background';
import { startCaptureBackground } from '../capture/capture-background';
import { badgeState } from '../lib/badge';
import { extensionAccess } from '../lib/extension-environment';
import { probeCompanion } from '../lib/probe';
import { startSchwabSignInWatcher } from '../lib/schwab-sign-in-watcher';
import { STORAGE_KEYS, setCachedOverview, watchSettings } from '../lib/settings';

const POLL_ALARM = 'omnifolio-poll';

/**
 * Looks at the companion every minute (and at start, and when the pairing changes), keeps
 * the cached overview fresh for the popup, and shows the state on the toolbar badge.
 */
export default defineBackground(() => {
  let inFlight: Promise<void> | null = null;
  const refresh = () => {
    inFlight ??= refreshBadge().finally(() => {
      inFlight = null;
    });
    return inFlight;
  };

  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === POLL_ALARM) void refresh();
  });
  browser.runtime.onStartup.addListener(() => void refresh());
  browser.runtime.onInstalled.addListener(() => void refresh());
  watchSettings((keys) => {
    if (keys.includes(STORAGE_KEYS.pairing) || keys.includes(STORAGE_KEYS.port)) void refresh();
  });
  void browser.alarms.get(POLL_ALARM).then((existing) => {
    if (!existing) void browser.alarms.create(POLL_ALARM, { periodInMinutes: 1 });
  });
  void refresh();
  startCaptureBackground();
  startSchwabSignInWatcher();
});

async function refreshBadge(): Promise<void> {
  const probe = await probeCompanion(await extensionAccess());
  if (probe.state === 'ready') {
    await setCachedOverview({ overview: probe.overview, fetchedAt: new Date().toISOString() });
  }
  const badge = badgeState(probe);
  // Firefox builds are MV2, where the toolbar button is `browserAction`.
  const action = browser.action ?? browser.browserAction;
  await Promise.all([
    action.setBadgeText({ text: badge.text }),
    action.setBadgeBackgroundColor({ color: badge.color }),
    action.setTitle({ title: badge.title }),
  ]);
}
