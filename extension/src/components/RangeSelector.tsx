import { PERFORMANCE_RANGES, type PerformanceRangeName } from '../lib/companion-client';

/** The six ranges as a row of toggle buttons (each says whether it is the one shown). */
export function RangeSelector({ range, onChange }: { range: PerformanceRangeName; onChange: (range: PerformanceRangeName) => void }) {
  return (
    <div className="segmented" role="group" aria-label="Range">
      {PERFORMANCE_RANGES.map((r) => (
        <button key={r} type="button" className="segmented__item" aria-pressed={r === range} data-testid={`range-${r}`} onClick={() => onChange(r)}>
          {r}
        </button>
      ))}
    </div>
  );
}
