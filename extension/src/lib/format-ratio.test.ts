import { describe, expect, it } from 'vitest';
import { formatPercent, formatRatio, signOf, toneOf } from './format-ratio';

describe('ratio formatting', () => {
  it('shows signed percentages with a real minus sign, and a dash for unknown', () => {
    expect(formatPercent('0.10668')).toBe('+10.67 %');
    expect(formatPercent('-0.0008')).toBe('−0.08 %');
    expect(formatPercent('0')).toBe('0.00 %');
    expect(formatPercent(null)).toBe('—');
  });

  it('gives no sign and no colour to what rounds to zero on screen', () => {
    expect(formatPercent('-0.0000004')).toBe('0.00 %');
    expect(formatPercent('0.00004')).toBe('0.00 %');
    expect(formatPercent('0.00005', 2)).toBe('+0.01 %');
    expect(toneOf(formatPercent('-0.0000004'))).toBe('');
    expect(toneOf(formatPercent('-0.0008'))).toBe('loss');
    expect(toneOf(formatPercent('0.1'))).toBe('gain');
  });

  it('shows plain ratios and tells gains from losses by the decimal string', () => {
    expect(formatRatio('1.041772565536', 2, '×')).toBe('1.04×');
    expect(signOf('-0.00')).toBe(0);
    expect(signOf('-12.5')).toBe(-1);
    expect(signOf('0.001')).toBe(1);
  });
});
