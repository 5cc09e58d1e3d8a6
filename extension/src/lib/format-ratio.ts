/** "+12.34 %", "−0.80 %", "0.00 %": a ratio string (0.1234) as a signed percentage; "—" when unknown. */
export function formatPercent(ratio: string | number | null | undefined, fractionDigits = 2): string {
  if (ratio === null || ratio === undefined) return '—';
  const n = typeof ratio === 'number' ? ratio : Number(ratio);
  if (!Number.isFinite(n)) return '—';
  const text = Math.abs(n * 100).toLocaleString('en-US', { minimumFractionDigits: fractionDigits, maximumFractionDigits: fractionDigits });
  // What rounds to zero on screen carries no sign: "−0.00 %" would say there was a loss.
  const sign = !/[1-9]/.test(text) ? '' : n > 0 ? '+' : '−';
  return `${sign}${text} %`;
}

/** A plain ratio shown with fixed digits (Sharpe 1.23, leverage 1.04×). */
export function formatRatio(ratio: string | number | null | undefined, fractionDigits = 2, suffix = ''): string {
  if (ratio === null || ratio === undefined) return '—';
  const n = typeof ratio === 'number' ? ratio : Number(ratio);
  if (!Number.isFinite(n)) return '—';
  return `${n.toLocaleString('en-US', { minimumFractionDigits: fractionDigits, maximumFractionDigits: fractionDigits })}${suffix}`;
}

/** −1, 0 or 1 from a decimal string, for colouring gains and losses. */
export function signOf(value: string | null | undefined): -1 | 0 | 1 {
  if (!value) return 0;
  if (value.startsWith('-')) return /[1-9]/.test(value) ? -1 : 0;
  return /[1-9]/.test(value) ? 1 : 0;
}

/** The colour class of a shown signed figure ("+…", "−…"): by what is on screen, so "0.00 %" is neither. */
export function toneOf(shown: string): 'gain' | 'loss' | '' {
  return shown.startsWith('+') ? 'gain' : shown.startsWith('−') ? 'loss' : '';
}
