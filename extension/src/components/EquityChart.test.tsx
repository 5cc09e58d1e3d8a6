import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { EquityChart } from './EquityChart';

const history = {
  range: 'ALL' as const,
  currency: 'USD' as const,
  timeZone: 'UTC',
  points: [
    { at: '2024-01-01T23:59:59.999Z', value: '10000', unpriced: 0 },
    { at: '2024-01-02T23:59:59.999Z', value: '9992', unpriced: 0 },
    { at: '2024-01-03T12:00:00.000Z', value: '10371.5', unpriced: 1 },
  ],
};

describe('EquityChart', () => {
  it('draws one line through every point and describes it for screen readers', () => {
    const html = renderToStaticMarkup(<EquityChart history={history} currency="USD" />);
    expect(html).toContain('data-points="3"');
    // One move and two line segments.
    expect(html.match(/d="M[^"]*"/g)?.[1]?.match(/L/g)).toHaveLength(2);
    expect(html).toContain('($10,000.00) to now ($10,371.50), 3 points');
    expect(html).toContain('Low $9,992.00 · High $10,371.50');
    expect(html).toContain('tabindex="0"');
  });

  it('says why there is no curve instead of drawing a flat line', () => {
    expect(renderToStaticMarkup(<EquityChart history={{ ...history, points: history.points.slice(0, 1) }} currency="USD" />)).toContain('Not enough history');
    expect(renderToStaticMarkup(<EquityChart history={null} currency="USD" />)).toContain('Loading the curve');
    // Not "Loading…" for ever while the companion is not answering and nothing is remembered.
    const waiting = renderToStaticMarkup(<EquityChart history={null} currency="USD" pending={false} />);
    expect(waiting).toContain('The curve shows when the companion answers.');
    expect(waiting).not.toContain('Loading');
  });
});
