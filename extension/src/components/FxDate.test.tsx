import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { FxDate } from './FxDate';

describe('FxDate', () => {
  it('names the ECB reference day as a calendar day', () => {
    const html = renderToStaticMarkup(<FxDate fx={{ source: 'ECB', asOf: '2026-11-21', stale: false }} />);
    expect(html).toContain('data-testid="fx-as-of"');
    expect(html.replace(/<[^>]+>/g, '')).toBe('FX ECB 21 Nov 2026');
    // HTML's attribute names are case-insensitive: `dateTime` in JSX is `datetime` in the markup.
    expect(html.toLowerCase()).toContain('<time datetime="2026-11-21">');
    expect(html).not.toContain('text-warning');
  });

  it('says when the rates are out of date', () => {
    const html = renderToStaticMarkup(<FxDate fx={{ source: 'ECB', asOf: '2026-11-20', stale: true }} />);
    expect(html.replace(/<[^>]+>/g, '')).toBe('FX ECB 20 Nov 2026 (out of date)');
    expect(html).toContain('text-warning');
  });

  it('shows nothing when no value was converted', () => {
    expect(renderToStaticMarkup(<FxDate fx={null} />)).toBe('');
    expect(renderToStaticMarkup(<FxDate fx={undefined} />)).toBe('');
  });
});
