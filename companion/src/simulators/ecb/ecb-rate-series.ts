import { readFileSync } from 'node:fs';
import { Decimal } from '@omnifolio/shared/money';
import { addDays } from '../../engine/local-day.js';
import { isTargetWorkingDay } from '../../pricing/providers/ecb/ecb-publication-calendar.js';

/** A day of real published rates the simulated series passes through. */
export interface EcbAnchor {
  day: string;
  /** Currency → units per euro, as the ECB wrote them. */
  rates: Record<string, string>;
}

export interface EcbRateTable {
  anchors: EcbAnchor[];
}

/** The bundled anchors (ecb-anchor-rates.json: real ECB rates, provenance inside). */
export function loadEcbAnchors(): EcbRateTable {
  const raw = JSON.parse(readFileSync(new URL('./ecb-anchor-rates.json', import.meta.url), 'utf8')) as EcbRateTable;
  return { anchors: [...raw.anchors].sort((a, b) => (a.day < b.day ? -1 : 1)) };
}

/**
 * The simulated ECB's rates for one TARGET working day, or null on a day without
 * publication (weekend, TARGET holiday) or before the first anchor.
 *
 * Only the currencies of the newest anchor are published (the ECB's list today: HRK and RUB,
 * which it stopped, are left out). On an anchor day the rates are the real ones; between two
 * anchors that both carry a currency its rate moves in a straight line, written with as many
 * decimals as the later anchor uses (the ECB writes five significant digits for most
 * currencies); before a currency's first anchor it is absent; after the newest anchor every
 * rate stays at the newest anchor's value, so "the latest rates" of the demo are real ones.
 */
export function ecbRatesOn(table: EcbRateTable, day: string): Map<string, string> | null {
  const { anchors } = table;
  const first = anchors[0];
  const newest = anchors.at(-1);
  if (!first || !newest || day < first.day || !isTargetWorkingDay(day)) return null;
  const out = new Map<string, string>();
  for (const code of Object.keys(newest.rates)) {
    const withCode = anchors.filter((a) => a.rates[code] !== undefined);
    const after = withCode.find((a) => a.day >= day);
    const before = [...withCode].reverse().find((a) => a.day <= day);
    if (!before) continue;
    if (!after) {
      out.set(code, before.rates[code]!);
      continue;
    }
    if (after.day === before.day) {
      out.set(code, before.rates[code]!);
      continue;
    }
    const span = daysBetween(before.day, after.day);
    const elapsed = daysBetween(before.day, day);
    const from = new Decimal(before.rates[code]!);
    const to = new Decimal(after.rates[code]!);
    const places = (after.rates[code]!.split('.')[1] ?? '').length;
    out.set(code, from.plus(to.minus(from).mul(elapsed).div(span)).toFixed(places));
  }
  return out;
}

/** Every publication day from `fromDay` to `toDay`, newest first, as the ECB's history documents list them. */
export function ecbSeries(table: EcbRateTable, fromDay: string, toDay: string): { day: string; rates: Map<string, string> }[] {
  const out: { day: string; rates: Map<string, string> }[] = [];
  for (let day = toDay; day >= fromDay; day = addDays(day, -1)) {
    const rates = ecbRatesOn(table, day);
    if (rates) out.push({ day, rates });
  }
  return out;
}

const daysBetween = (a: string, b: string) => Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
