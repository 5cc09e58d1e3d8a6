import { useCallback, useEffect, useState } from 'react';
import browser from 'webextension-polyfill';
import { CAPTURE_HOSTS_KEY, getAddedHosts } from '../capture/capture-hosts';
import type { AddedHosts } from '../capture/providers';

export interface CaptureSites {
  added: AddedHosts;
  /** Match patterns the person granted (`https://host/*`). */
  granted: string[];
}

/** Added hostnames and granted host permissions, kept current as either changes. */
export function useCaptureSites(): CaptureSites {
  const [sites, setSites] = useState<CaptureSites>({ added: {}, granted: [] });
  const load = useCallback(async () => {
    const [added, all] = await Promise.all([getAddedHosts(), browser.permissions.getAll()]);
    setSites({ added, granted: all.origins ?? [] });
  }, []);
  useEffect(() => {
    void load();
    const onPermissions = () => void load();
    const onStorage = (changes: Record<string, unknown>, area: string) => {
      if (area === 'local' && CAPTURE_HOSTS_KEY in changes) void load();
    };
    browser.permissions.onAdded.addListener(onPermissions);
    browser.permissions.onRemoved.addListener(onPermissions);
    browser.storage.onChanged.addListener(onStorage);
    return () => {
      browser.permissions.onAdded.removeListener(onPermissions);
      browser.permissions.onRemoved.removeListener(onPermissions);
      browser.storage.onChanged.removeListener(onStorage);
    };
  }, [load]);
  return sites;
}
