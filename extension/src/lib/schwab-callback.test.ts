import { describe, expect, it } from 'vitest';
import { callbackPermission, isSchwabCallback } from './schwab-callback';

describe('isSchwabCallback', () => {
  it('accepts the registered callback with a code or an error, with or without the trailing slash', () => {
    expect(isSchwabCallback('https://127.0.0.1:8182/?code=C0.abc%40&session=1&state=s', 'https://127.0.0.1:8182')).toBe(true);
    expect(isSchwabCallback('https://127.0.0.1:8182/schwab/callback?code=x', 'https://127.0.0.1:8182/schwab/callback/')).toBe(true);
    expect(isSchwabCallback('https://127.0.0.1:8182/?error=access_denied', 'https://127.0.0.1:8182')).toBe(true);
  });

  it('refuses Schwab’s own pages, another port or path, and an address without a code', () => {
    expect(isSchwabCallback('https://api.schwabapi.com/v1/oauth/authorize?client_id=x&code=y', 'https://127.0.0.1:8182')).toBe(false);
    expect(isSchwabCallback('https://127.0.0.1:9999/?code=x', 'https://127.0.0.1:8182')).toBe(false);
    expect(isSchwabCallback('https://127.0.0.1:8182/other?code=x', 'https://127.0.0.1:8182')).toBe(false);
    expect(isSchwabCallback('https://127.0.0.1:8182/', 'https://127.0.0.1:8182')).toBe(false);
    expect(isSchwabCallback('not a url', 'https://127.0.0.1:8182')).toBe(false);
  });

  it('asks for the callback host only, on any port', () => {
    expect(callbackPermission('https://127.0.0.1:8182')).toBe('https://127.0.0.1/*');
  });
});
