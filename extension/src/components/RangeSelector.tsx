import { PERFORMANCE_RANGES, type PerformanceRangeName } from '../lib/companion-client';

/** The six ranges as a row of toggle buttons (each says whether it is the one shown). */
export function RangeSelector({ range, onChange }: { range: PerformanceRangeName; onChange: (range: PerformanceRangeName) => void }) {
  return (
    // biome-ignore lint/a11y/useSemanticElements: a row of toggle buttons, not a form; <fieldset> would add form semantics and chrome
    <div className="segmented" role="group" aria-label="Range">
      {PERFORMANCE_RANGES.map((r) => (
        <button key={r} type="button" className="segmented__item" aria-pressed={r === range} data-testid={`range-${r}`} onClick={() => onChange(r)}>
          {r}
        </button>
      ))}
    </div>
  );
}
