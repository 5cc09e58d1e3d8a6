import type { QuoteCurrency } from '@omnifolio/shared/api';
import { formatMoney } from '@omnifolio/shared/money';
import { type KeyboardEvent, type PointerEvent, useMemo, useState } from 'react';
import type { HistoryData } from '../hooks/useAnalytics';
import { formatTimestamp } from '../lib/format';

const WIDTH = 600;
const HEIGHT = 180;
const PAD = { top: 8, right: 8, bottom: 20, left: 8 };

const dayLabel = new Intl.DateTimeFormat('en', { dateStyle: 'medium' });

/**
 * The equity curve, drawn as SVG by hand (no chart library: the popup has a size budget).
 * Coordinates are floats, which is fine for pixels; every number shown is the exact
 * decimal string from the companion. Arrow keys move a cursor point by point, Home and
 * End jump to the ends; the value under the cursor is announced. Without a curve yet,
 * `pending` says whether one is on its way: not while the companion is not answering.
 */
export function EquityChart({
  history,
  currency,
  height = HEIGHT,
  pending = true,
}: {
  history: HistoryData | null;
  currency: QuoteCurrency;
  height?: number;
  pending?: boolean;
}) {
  const points = history?.points ?? [];
  const [cursor, setCursor] = useState<number | null>(null);
  const geometry = useMemo(() => {
    if (points.length < 2) return null;
    const xs = points.map((p) => Date.parse(p.at));
    const ys = points.map((p) => Number(p.value));
    const [x0, x1] = [Math.min(...xs), Math.max(...xs)];
    let [y0, y1] = [Math.min(...ys), Math.max(...ys)];
    if (y0 === y1) [y0, y1] = [y0 - 1, y1 + 1];
    const sx = (x: number) => PAD.left + ((x - x0) / (x1 - x0 || 1)) * (WIDTH - PAD.left - PAD.right);
    const sy = (y: number) => PAD.top + (1 - (y - y0) / (y1 - y0)) * (height - PAD.top - PAD.bottom);
    const coords = xs.map((x, i) => [sx(x), sy(ys[i]!)] as const);
    const line = coords.map(([x, y], i) => `${i === 0 ? 'M' : 'L'}${x.toFixed(1)},${y.toFixed(1)}`).join('');
    const area = `${line}L${coords.at(-1)![0].toFixed(1)},${height - PAD.bottom}L${coords[0]![0].toFixed(1)},${height - PAD.bottom}Z`;
    const up = ys.at(-1)! >= ys[0]!;
    return { coords, line, area, up, minIndex: ys.indexOf(Math.min(...ys)), maxIndex: ys.indexOf(Math.max(...ys)) };
  }, [points, height]);

  // Days that left out a holding priced now: their values are below what was held (a
  // provider's history that starts later than the holding, such as CoinGecko's year on its
  // free plan). Holdings unpriced today too (a spam token) are no news on any day.
  const unpricedStretch = useMemo(() => {
    const now = points.at(-1)?.unpriced ?? 0;
    const days = points.filter((p) => p.unpriced > now);
    return days.length === 0 ? null : { count: days.length, from: days[0]!.at, to: days.at(-1)!.at };
  }, [points]);

  if (!geometry) {
    return (
      <p className="chart__empty" data-testid="equity-chart-empty">
        {history !== null
          ? 'Not enough history for a curve yet: it starts with your first activity or sync.'
          : pending
            ? 'Loading the curve…'
            : 'The curve shows when the companion answers.'}
      </p>
    );
  }

  const active = cursor === null ? null : points[cursor]!;
  const move = (i: number) => setCursor(Math.max(0, Math.min(points.length - 1, i)));
  const onKey = (e: KeyboardEvent) => {
    const current = cursor ?? points.length - 1;
    const step = e.shiftKey ? 10 : 1;
    if (e.key === 'ArrowLeft') move(current - step);
    else if (e.key === 'ArrowRight') move(current + step);
    else if (e.key === 'Home') move(0);
    else if (e.key === 'End') move(points.length - 1);
    else if (e.key === 'Escape') setCursor(null);
    else return;
    e.preventDefault();
  };
  const onPointer = (e: PointerEvent<SVGSVGElement>) => {
    const box = e.currentTarget.getBoundingClientRect();
    const x = ((e.clientX - box.left) / box.width) * WIDTH;
    let best = 0;
    for (let i = 1; i < geometry.coords.length; i++) if (Math.abs(geometry.coords[i]![0] - x) < Math.abs(geometry.coords[best]![0] - x)) best = i;
    setCursor(best);
  };
  const first = points[0]!;
  const last = points.at(-1)!;

  return (
    <figure className="chart">
      <svg
        className={`chart__svg ${geometry.up ? 'chart--up' : 'chart--down'}`}
        viewBox={`0 0 ${WIDTH} ${height}`}
        preserveAspectRatio="none"
        role="img"
        // biome-ignore lint/a11y/noNoninteractiveTabindex: the chart takes focus so the arrow keys can read its values aloud
        tabIndex={0}
        aria-label={`Portfolio value from ${dayLabel.format(Date.parse(first.at))} (${formatMoney(first.value, currency)}) to now (${formatMoney(last.value, currency)}), ${points.length} points. Use the arrow keys to read values.`}
        data-testid="equity-chart"
        data-points={points.length}
        onKeyDown={onKey}
        onPointerMove={onPointer}
        onPointerLeave={() => setCursor(null)}
        onBlur={() => setCursor(null)}
      >
        <path className="chart__area" d={geometry.area} />
        <path className="chart__line" d={geometry.line} vectorEffect="non-scaling-stroke" />
        {cursor !== null && (
          <>
            <line
              className="chart__cursor"
              x1={geometry.coords[cursor]![0]}
              x2={geometry.coords[cursor]![0]}
              y1={PAD.top}
              y2={height - PAD.bottom}
              vectorEffect="non-scaling-stroke"
            />
            <circle className="chart__dot" cx={geometry.coords[cursor]![0]} cy={geometry.coords[cursor]![1]} r={3} />
          </>
        )}
      </svg>
      <figcaption className="chart__caption">
        <span>{dayLabel.format(Date.parse(first.at))}</span>
        <span aria-live="polite" className="chart__readout">
          {active ? (
            <>
              <strong>{formatMoney(active.value, currency)}</strong> · {formatTimestamp(active.at)}
              {active.unpriced > 0 && <span className="text-warning"> · {active.unpriced} unpriced</span>}
            </>
          ) : (
            <>
              Low {formatMoney(points[geometry.minIndex]!.value, currency)} · High {formatMoney(points[geometry.maxIndex]!.value, currency)}
            </>
          )}
        </span>
        <span>now</span>
      </figcaption>
      {unpricedStretch && (
        <p className="panel__footnote" data-testid="curve-unpriced">
          {unpricedStretch.count === 1
            ? `On ${dayLabel.format(Date.parse(unpricedStretch.from))}, a holding that has a price now had none: that day leaves it out, so the curve there is below what was held.`
            : `On ${unpricedStretch.count} days from ${dayLabel.format(Date.parse(unpricedStretch.from))} to ${dayLabel.format(Date.parse(unpricedStretch.to))}, holdings that have a price now had none: those days leave them out, so the curve there is below what was held.`}
        </p>
      )}
    </figure>
  );
}
