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

  it('says which days left out holdings that are priced now, and not the ones unpriced today too', () => {
    const points = [
      { at: '2023-06-01T10:00:00.000Z', value: '4000', unpriced: 2 },
      { at: '2023-06-02T10:00:00.000Z', value: '4100', unpriced: 2 },
      { at: '2023-06-03T10:00:00.000Z', value: '4050', unpriced: 1 },
      { at: '2023-06-04T10:00:00.000Z', value: '31050', unpriced: 1 },
      { at: '2023-06-05T12:00:00.000Z', value: '31200', unpriced: 1 },
    ];
    const html = renderToStaticMarkup(<EquityChart history={{ ...history, points }} currency="USD" />);
    expect(html).toContain('data-testid="curve-unpriced"');
    expect(html).toContain('On 2 days from Jun 1, 2023 to Jun 2, 2023, holdings that have a price now had none');
    // One holding unpriced on every day, today included (a spam token): nothing to say.
    const always = renderToStaticMarkup(<EquityChart history={{ ...history, points: points.slice(2) }} currency="USD" />);
    expect(always).not.toContain('curve-unpriced');
    const one = renderToStaticMarkup(<EquityChart history={{ ...history, points: points.slice(1) }} currency="USD" />);
    expect(one).toContain('On Jun 2, 2023, a holding that has a price now had none');
  });
});
