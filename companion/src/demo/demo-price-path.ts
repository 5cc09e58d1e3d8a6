import { Decimal, type DecimalString, toDecimalString } from '@omnifolio/shared/money';

const DAY_MS = 86_400_000;

/** A price the path must pass through exactly: a trade of the demo accounts, or today's price. */
export interface PriceAnchor {
  /** Midnight UTC of the anchor's day. */
  atMs: number;
  price: Decimal;
}

export interface DemoPricePathOptions {
  /** Midnight UTC of the first day. */
  startMs: number;
  /** Midnight UTC of the last day. */
  endMs: number;
  /** Relative size of the wobble between anchors (0.06 is ±6 %; 0 is a straight path). */
  amplitude: number;
  /** Makes each instrument's wobble its own (a coin id, a ticker). */
  seed: string;
  /** Days to leave out (weekends for a listing); anchors on them are skipped too. Default none. */
  skip?: (atMs: number) => boolean;
}

/**
 * A made-up daily price path for the demo: through every anchor exactly on its day,
 * interpolated geometrically between them, with a deterministic wobble that vanishes at
 * each anchor. Before the first anchor the price is the first anchor's. The same anchors
 * and options always give the same path, so screenshots and tests are reproducible.
 * Anchors on the same day: the first one given wins.
 */
export function demoPricePath(anchors: readonly PriceAnchor[], options: DemoPricePathOptions): { atMs: number; price: DecimalString }[] {
  const { startMs, endMs, amplitude, seed } = options;
  const skip = options.skip ?? (() => false);
  const byDay = new Map<number, Decimal>();
  for (const a of anchors) if (!skip(a.atMs) && !byDay.has(a.atMs)) byDay.set(a.atMs, a.price);
  const list = [...byDay].map(([atMs, price]) => ({ atMs, price })).sort((a, b) => a.atMs - b.atMs);
  if (list.length === 0) return [];
  const phase = [...seed].reduce((acc, ch) => acc + ch.charCodeAt(0), 0);
  const out: { atMs: number; price: DecimalString }[] = [];
  let next = 0;
  for (let at = startMs; at <= endMs; at += DAY_MS) {
    if (skip(at)) continue;
    while (next < list.length && (list[next] as PriceAnchor).atMs < at) next++;
    const after = list[Math.min(next, list.length - 1)] as PriceAnchor;
    const before = next === 0 ? after : (list[next - 1] as PriceAnchor);
    if (at === after.atMs) {
      out.push({ atMs: at, price: toDecimalString(after.price) });
      continue;
    }
    const span = after.atMs - before.atMs;
    const t = span <= 0 ? 0 : (at - before.atMs) / span;
    // Geometric interpolation: before × (after / before)^t. Binary floating point is fine
    // for a made-up path between exact anchors (anchor days are written exactly above),
    // and 60-digit decimal powers would add seconds to every demo start.
    const b = before.price.toNumber();
    const base = span <= 0 ? after.price.toNumber() : b * (after.price.toNumber() / b) ** t;
    const day = at / DAY_MS;
    // Three incommensurate waves read as market noise; the envelope pins them to zero at anchors.
    const noise =
      0.5 * Math.sin((2 * Math.PI * day) / 23 + phase) +
      0.35 * Math.sin((2 * Math.PI * day) / 61 + 2 * phase) +
      0.15 * Math.sin((2 * Math.PI * day) / 6.3 + phase / 3);
    const wobble = amplitude * noise * Math.sin(Math.PI * (span <= 0 ? 0.5 : t));
    out.push({ atMs: at, price: toDecimalString(new Decimal((base * (1 + wobble)).toPrecision(12))) });
  }
  return out;
}

/** Midnight UTC of the day `atMs` falls on. */
export const utcDayOf = (atMs: number): number => Math.floor(atMs / DAY_MS) * DAY_MS;
