import { describe, expect, it } from 'vitest';
import { matchesFilters } from './filters';

describe('filters', () => {
  it('matches like the server does', () => {
    const row = {
      accountId: 4,
      type: 'expense' as const,
      categoryId: 2,
      date: '2026-03-05',
      title: 'Coffee BEANS',
      description: null,
    };
    expect(matchesFilters(row, {})).toBe(true);
    expect(matchesFilters(row, { q: 'beans' })).toBe(true);
    expect(matchesFilters(row, { q: 'tea' })).toBe(false);
    expect(matchesFilters(row, { type: 'income' })).toBe(false);
    expect(matchesFilters(row, { categoryId: 3 })).toBe(false);
    expect(matchesFilters(row, { from: '2026-03-06' })).toBe(false);
    expect(matchesFilters(row, { to: '2026-03-05' })).toBe(true);
    expect(matchesFilters(row, { accountId: 4, q: 'coffee' })).toBe(true);
    expect(matchesFilters(row, { accountId: 5 })).toBe(false);
  });
});
