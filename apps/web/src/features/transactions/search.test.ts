import { describe, expect, it } from 'vitest';
import { rangeOf, shiftPeriod, periodOfKind, type Period } from './period';
import { listFiltersOf, readView, withoutAccount, writeView } from './search';

const today = '2026-03-15';

describe('the dashboard view <-> query string', () => {
  it('defaults to this month, unfiltered, and writes that as no query at all', () => {
    const view = readView('', today);
    expect(view).toEqual({ period: { kind: 'month', month: '2026-03' }, filters: {} });
    expect(writeView(view, today)).toBe('');
  });

  it.each<[string, Period]>([
    ['?month=2025-11', { kind: 'month', month: '2025-11' }],
    ['?year=2024', { kind: 'year', year: 2024 }],
    ['?period=last-30-days', { kind: 'last-30-days' }],
    ['?period=all', { kind: 'all' }],
    ['?from=2026-01-10&to=2026-02-09', { kind: 'custom', from: '2026-01-10', to: '2026-02-09' }],
    ['?from=2026-01-10', { kind: 'custom', from: '2026-01-10' }],
    ['?period=custom', { kind: 'custom' }],
  ])('%s round-trips', (query, period) => {
    const view = readView(query, today);
    expect(view.period).toEqual(period);
    expect(writeView(view, today)).toBe(query);
  });

  it('reads and writes every history filter, escaping the search text', () => {
    const query = '?month=2026-02&type=expense&category=7&q=rent+%26+bills';
    const view = readView(query, today);
    expect(view.filters).toEqual({ type: 'expense', categoryId: 7, q: 'rent & bills' });
    expect(writeView(view, today)).toBe(query);
  });

  it('drops what does not parse instead of sending it', () => {
    const view = readView(
      '?month=2026-13&year=20x6&type=gift&category=abc&from=2026-02-30&q=%20%20&period=soon',
      today,
    );
    expect(view).toEqual({ period: { kind: 'month', month: '2026-03' }, filters: {} });
    expect(readView('?category=99999999999999999', today).filters).toEqual({});
    expect(readView('?from=2026-03-01&to=2026-02-01', today).period).toEqual({
      kind: 'custom',
      from: '2026-03-01',
    });
  });

  it('reads and writes the account, first, beside the period and the filters', () => {
    const query = '?account=3&month=2026-02&type=expense&q=rent';
    const view = readView(query, today);
    expect(view).toEqual({
      accountId: 3,
      period: { kind: 'month', month: '2026-02' },
      filters: { type: 'expense', q: 'rent' },
    });
    expect(writeView(view, today)).toBe(query);
    // This month of one account: only the account is in the address.
    expect(writeView(readView('?account=12', today), today)).toBe('?account=12');
    expect(listFiltersOf(view, today)).toEqual({
      accountId: 3,
      from: '2026-02-01',
      to: '2026-02-28',
      type: 'expense',
      q: 'rent',
    });
    // All accounts: the same view without it.
    expect(writeView(withoutAccount(view), today)).toBe('?month=2026-02&type=expense&q=rent');
  });

  it.each(['abc', '0', '-3', '03', '1.5', '', '99999999999999999', '3&account=4x'])(
    'drops an account id that does not parse (%s), keeping the rest of the view',
    (account) => {
      const view = readView(`?account=${account}&year=2025`, today);
      expect(view.accountId).toBeUndefined();
      expect(view.period).toEqual({ kind: 'year', year: 2025 });
      expect(writeView(view, today)).toBe('?year=2025');
    },
  );

  it('opens the links of the old period picker and history filters as they meant', () => {
    expect(readView('?period=this-month', today).period).toEqual({
      kind: 'month',
      month: '2026-03',
    });
    expect(readView('?period=last-month', '2026-01-10').period).toEqual({
      kind: 'month',
      month: '2025-12',
    });
    expect(readView('?period=this-year', today).period).toEqual({ kind: 'year', year: 2026 });
    expect(readView('?period=custom&start=2026-01-01&end=2026-01-31', today).period).toEqual({
      kind: 'custom',
      from: '2026-01-01',
      to: '2026-01-31',
    });
  });

  it('gives the list, and so the CSV export, the period and the filters together', () => {
    const view = readView('?month=2026-02&q=coffee', today);
    expect(listFiltersOf(view, today)).toEqual({
      from: '2026-02-01',
      to: '2026-02-28',
      q: 'coffee',
    });
    expect(listFiltersOf(readView('?period=all', today), today)).toEqual({});
  });
});

describe('periods', () => {
  it.each<[Period, { from?: string; to?: string }]>([
    [
      { kind: 'month', month: '2024-02' },
      { from: '2024-02-01', to: '2024-02-29' },
    ],
    [
      { kind: 'month', month: '2100-02' },
      { from: '2100-02-01', to: '2100-02-28' },
    ],
    [
      { kind: 'year', year: 2026 },
      { from: '2026-01-01', to: '2026-12-31' },
    ],
    [{ kind: 'last-30-days' }, { from: '2026-02-14', to: '2026-03-15' }],
    [{ kind: 'all' }, {}],
  ])('%j covers %j', (period, range) => {
    expect(rangeOf(period, today)).toEqual(range);
  });

  it('steps months across years and years by one', () => {
    expect(shiftPeriod({ kind: 'month', month: '2026-01' }, -1, today)).toEqual({
      kind: 'month',
      month: '2025-12',
    });
    expect(shiftPeriod({ kind: 'month', month: '2025-12' }, 1, today)).toEqual({
      kind: 'month',
      month: '2026-01',
    });
    expect(shiftPeriod({ kind: 'year', year: 2026 }, 1, today)).toEqual({
      kind: 'year',
      year: 2027,
    });
    expect(shiftPeriod({ kind: 'month', month: '9999-12' }, 1, today)).toBeNull();
    expect(shiftPeriod({ kind: 'all' }, -1, today)).toBeNull();
  });

  it('steps the last 30 days and a closed range by their own length', () => {
    expect(shiftPeriod({ kind: 'last-30-days' }, -1, today)).toEqual({
      kind: 'custom',
      from: '2026-01-15',
      to: '2026-02-13',
    });
    expect(shiftPeriod({ kind: 'custom', from: '2026-02-27', to: '2026-03-02' }, 1, today)).toEqual(
      { kind: 'custom', from: '2026-03-03', to: '2026-03-06' },
    );
    expect(shiftPeriod({ kind: 'custom', from: '2026-02-27' }, 1, today)).toBeNull();
  });

  it('keeps the place shown when the kind changes', () => {
    const november = { kind: 'month', month: '2025-11' } as const;
    expect(periodOfKind('year', november, today)).toEqual({ kind: 'year', year: 2025 });
    expect(periodOfKind('custom', november, today)).toEqual({
      kind: 'custom',
      from: '2025-11-01',
      to: '2025-11-30',
    });
    expect(periodOfKind('month', { kind: 'year', year: 2026 }, today)).toEqual({
      kind: 'month',
      month: '2026-03',
    });
    expect(periodOfKind('month', { kind: 'year', year: 2024 }, today)).toEqual({
      kind: 'month',
      month: '2024-12',
    });
  });
});
