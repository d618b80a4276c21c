import { describe, expect, it } from 'vitest';
import { matchesFilters, readFilters, writeFilters } from './filters';
import { readPeriod, writePeriod } from './period';

describe('filters <-> query string', () => {
  it('reads every filter', () => {
    const params = new URLSearchParams(
      'type=expense&category=3&from=2026-01-01&to=2026-01-31&q=coffee',
    );
    expect(readFilters(params)).toEqual({
      type: 'expense',
      categoryId: 3,
      from: '2026-01-01',
      to: '2026-01-31',
      q: 'coffee',
    });
  });

  it('ignores invalid values instead of sending them', () => {
    const params = new URLSearchParams(
      'type=gift&category=abc&from=2026-02-30&to=yesterday&q=%20%20',
    );
    expect(readFilters(params)).toEqual({});
    expect(readFilters(new URLSearchParams('from=2026-03-01&to=2026-02-01'))).toEqual({
      from: '2026-03-01',
    });
  });

  it('round-trips and leaves other parameters alone', () => {
    const filters = { type: 'income' as const, categoryId: 7, q: 'rent & bills' };
    const params = writeFilters(new URLSearchParams('period=this-year'), filters);
    expect(params.get('period')).toBe('this-year');
    expect(readFilters(params)).toEqual(filters);
    expect(writeFilters(params, {}).toString()).toBe('period=this-year');
  });

  it('matches like the server does', () => {
    const row = {
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
  });
});

describe('period <-> query string', () => {
  const today = '2026-03-15';

  it('defaults to this month', () => {
    expect(readPeriod(new URLSearchParams(''), today)).toEqual({
      kind: 'this-month',
      from: '2026-03-01',
      to: '2026-03-31',
    });
  });

  it('resolves last month across a year boundary and this year', () => {
    expect(readPeriod(new URLSearchParams('period=last-month'), '2026-01-10')).toEqual({
      kind: 'last-month',
      from: '2025-12-01',
      to: '2025-12-31',
    });
    expect(readPeriod(new URLSearchParams('period=last-month'), today)).toMatchObject({
      to: '2026-02-28',
    });
    expect(readPeriod(new URLSearchParams('period=this-year'), today)).toEqual({
      kind: 'this-year',
      from: '2026-01-01',
      to: '2026-12-31',
    });
    expect(readPeriod(new URLSearchParams('period=all'), today)).toEqual({ kind: 'all' });
  });

  it('round-trips a custom range and drops what is invalid', () => {
    const period = { kind: 'custom' as const, from: '2025-05-01', to: '2025-06-30' };
    const params = writePeriod(new URLSearchParams('q=x'), period);
    expect(params.toString()).toBe('q=x&period=custom&start=2025-05-01&end=2025-06-30');
    expect(readPeriod(params, today)).toEqual(period);
    expect(
      readPeriod(new URLSearchParams('period=custom&start=2025-02-30&end=2025-01-01'), today),
    ).toEqual({
      kind: 'custom',
      to: '2025-01-01',
    });
    expect(writePeriod(params, { kind: 'this-month' }).toString()).toBe('q=x');
  });
});
