import { describe, expect, it } from 'vitest';
import { parseHostname } from './capture-hosts';

describe('parseHostname', () => {
  it('takes a hostname or an https address and returns the bare lower-case hostname', () => {
    expect(parseHostname(' Web.SwissBorg.com ')).toBe('web.swissborg.com');
    expect(parseHostname('https://app.finpension.ch/documents/transactions')).toBe('app.finpension.ch');
    expect(parseHostname('app.frankly.ch/briefkasten')).toBe('app.frankly.ch');
  });
  it('refuses what is not a public hostname: http addresses, IPs, single labels, wildcards, junk', () => {
    for (const input of ['', 'http://app.swissborg.com', '127.0.0.1', 'localhost', '*.swissborg.com', 'app swissborg.com', 'https://']) {
      expect(parseHostname(input), input).toBeNull();
    }
  });
});
