import { describe, expect, it } from 'vitest';
import { lastDayOfMonth } from '@moneta/schema';
import { splitRange } from '../../src/modules/summary/summary.repository.js';

type Range = { from?: string; to?: string };

describe('splitRange', () => {
  it.each<[string, Range, ReturnType<typeof splitRange>]>([
    ['all time', {}, { months: {}, edges: [] }],
    [
      'from a first of the month',
      { from: '2026-01-01' },
      { months: { from: '2026-01' }, edges: [] },
    ],
    [
      'from the middle of a month',
      { from: '2026-01-15' },
      { months: { from: '2026-02' }, edges: [{ from: '2026-01-15', to: '2026-01-31' }] },
    ],
    ['to a last of the month', { to: '2026-01-31' }, { months: { to: '2026-01' }, edges: [] }],
    [
      'to the middle of a month',
      { to: '2026-03-10' },
      { months: { to: '2026-02' }, edges: [{ from: '2026-03-01', to: '2026-03-10' }] },
    ],
    [
      'one whole month',
      { from: '2026-01-01', to: '2026-01-31' },
      { months: { from: '2026-01', to: '2026-01' }, edges: [] },
    ],
    [
      'a whole year',
      { from: '2026-01-01', to: '2026-12-31' },
      { months: { from: '2026-01', to: '2026-12' }, edges: [] },
    ],
    [
      'partial months at both edges',
      { from: '2026-01-15', to: '2026-03-10' },
      {
        months: { from: '2026-02', to: '2026-02' },
        edges: [
          { from: '2026-01-15', to: '2026-01-31' },
          { from: '2026-03-01', to: '2026-03-10' },
        ],
      },
    ],
    [
      'across a year end',
      { from: '2025-12-02', to: '2026-02-28' },
      {
        months: { from: '2026-01', to: '2026-02' },
        edges: [{ from: '2025-12-02', to: '2025-12-31' }],
      },
    ],
    [
      'February of a leap year',
      { from: '2024-02-01', to: '2024-02-29' },
      { months: { from: '2024-02', to: '2024-02' }, edges: [] },
    ],
    [
      'February of a common year',
      { from: '2023-02-01', to: '2023-02-28' },
      { months: { from: '2023-02', to: '2023-02' }, edges: [] },
    ],
    [
      'a leap year February that stops on the 28th',
      { from: '2024-02-01', to: '2024-02-28' },
      { months: null, edges: [{ from: '2024-02-01', to: '2024-02-28' }] },
    ],
    [
      'days inside one month',
      { from: '2026-01-15', to: '2026-01-20' },
      { months: null, edges: [{ from: '2026-01-15', to: '2026-01-20' }] },
    ],
    [
      'a leap day alone',
      { from: '2024-02-29', to: '2024-02-29' },
      { months: null, edges: [{ from: '2024-02-29', to: '2024-02-29' }] },
    ],
    [
      'two partial months with no whole one between',
      { from: '2026-01-15', to: '2026-02-10' },
      { months: null, edges: [{ from: '2026-01-15', to: '2026-02-10' }] },
    ],
    [
      'a range ending before it starts',
      { from: '2026-03-10', to: '2026-01-05' },
      { months: null, edges: [{ from: '2026-03-10', to: '2026-01-05' }] },
    ],
    [
      'the whole calendar',
      { from: '0001-01-01', to: '9999-12-31' },
      { months: { from: '0001-01', to: '9999-12' }, edges: [] },
    ],
    ['from 1 December 9999', { from: '9999-12-01' }, { months: { from: '9999-12' }, edges: [] }],
    [
      'from inside December 9999, past which no month exists',
      { from: '9999-12-15' },
      { months: null, edges: [{ from: '9999-12-15' }] },
    ],
    [
      'inside December 9999 to its last day',
      { from: '9999-12-02', to: '9999-12-31' },
      { months: null, edges: [{ from: '9999-12-02', to: '9999-12-31' }] },
    ],
    [
      'to inside January of year 1',
      { to: '0001-01-15' },
      { months: null, edges: [{ to: '0001-01-15' }] },
    ],
  ])('splits %s', (_, range, expected) => {
    expect(splitRange(range)).toEqual(expected);
  });

  /** Every day from..to, as YYYY-MM-DD. */
  function daysBetween(from: string, to: string): string[] {
    const days: string[] = [];
    for (
      let day = new Date(`${from}T00:00:00Z`);
      day <= new Date(`${to}T00:00:00Z`);
      day = new Date(day.getTime() + 86_400_000)
    ) {
      days.push(day.toISOString().slice(0, 10));
    }
    return days;
  }

  /** The days the split reads, each once: whole months from the totals, then the edge scans. */
  function daysRead(range: Range, first: string, last: string): string[] {
    const { months, edges } = splitRange(range);
    const days: string[] = [];
    if (months) {
      for (const day of daysBetween(first, last)) {
        const month = day.slice(0, 7);
        if ((!months.from || month >= months.from) && (!months.to || month <= months.to)) {
          days.push(day);
        }
      }
    }
    for (const edge of edges) {
      days.push(...daysBetween(edge.from ?? first, edge.to ?? last));
      if (edge.from && edge.to && edge.from.slice(0, 7) !== edge.to.slice(0, 7) && months) {
        throw new Error('an edge spans months while whole months are read from the totals');
      }
    }
    return days.sort();
  }

  it('reads every day of the range exactly once, for every range within a window', () => {
    // A leap February and a year end inside the window; no date depends on today.
    const first = '2023-12-01';
    const last = '2024-04-30';
    const window = daysBetween(first, last);
    const bounds = [undefined, ...window.filter((_, i) => i % 3 === 0 || i === window.length - 1)];
    for (const from of bounds) {
      for (const to of bounds) {
        if (from && to && from > to) continue;
        const range = { ...(from ? { from } : {}), ...(to ? { to } : {}) };
        expect(daysRead(range, first, last), JSON.stringify(range)).toEqual(
          daysBetween(from ?? first, to ?? last),
        );
      }
    }
  });

  it('uses monthly totals for every whole month in the range', () => {
    for (const year of [2023, 2024]) {
      for (let month = 1; month <= 12; month += 1) {
        const mm = String(month).padStart(2, '0');
        const range = { from: `${year}-${mm}-01`, to: lastDayOfMonth(`${year}-${mm}`) };
        expect(splitRange(range), JSON.stringify(range)).toEqual({
          months: { from: `${year}-${mm}`, to: `${year}-${mm}` },
          edges: [],
        });
      }
    }
  });
});
