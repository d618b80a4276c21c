import { describe, expect, it } from 'vitest';
import { historyDays } from '../src/generate.js';

describe('history spans', () => {
  const years = (days: number) => Math.round(days / 365.25);

  it('spread a realistic history over 10 to 30 years, busier as it grows', () => {
    expect(years(historyDays(1_000, 'realistic'))).toBe(10);
    expect(years(historyDays(10_000, 'realistic'))).toBe(10);
    expect(years(historyDays(100_000, 'realistic'))).toBe(20);
    expect(years(historyDays(1_000_000, 'realistic'))).toBe(30);
    expect(years(historyDays(10_000_000, 'realistic'))).toBe(30);
    expect(1_000_000 / historyDays(1_000_000, 'realistic')).toBeGreaterThan(90);
  });

  it('keep eight a day in the long-span stress case: 1M rows span 342 years', () => {
    expect(historyDays(1_000_000, 'long')).toBe(125_000);
    expect(years(historyDays(1_000_000, 'long'))).toBe(342);
    expect(historyDays(3, 'long')).toBe(1);
  });
});
