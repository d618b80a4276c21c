import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addDays,
  addMonths,
  addMonthsToDate,
  dateFromDayIndex,
  datesBetween,
  dayIndex,
  daysInMonth,
  firstDayOfMonth,
  isCalendarDate,
  isMonth,
  isoDate,
  isoMonth,
  lastDayOfMonth,
  monthFromIndex,
  monthIndex,
  monthOf,
  monthsBetween,
  parseDate,
  parseMonth,
  utcMidnight,
} from '../src/calendar.js';

describe('days in a month and leap years', () => {
  it.each([
    [2024, 2, 29],
    [2023, 2, 28],
    [2100, 2, 28],
    [2000, 2, 29],
    [1900, 2, 28],
    [4, 2, 29],
    [1, 2, 28],
    [9999, 2, 28],
    [2026, 1, 31],
    [2026, 4, 30],
    [2026, 6, 30],
    [2026, 9, 30],
    [2026, 11, 30],
    [2026, 12, 31],
  ])('%i-%i has %i days', (year, month, days) => {
    expect(daysInMonth(year, month)).toBe(days);
  });

  it.each([
    ['2024-02', '2024-02-29'],
    ['2023-02', '2023-02-28'],
    ['2100-02', '2100-02-28'],
    ['2000-02', '2000-02-29'],
    ['2026-04', '2026-04-30'],
    ['2026-12', '2026-12-31'],
    ['0001-01', '0001-01-31'],
    ['9999-12', '9999-12-31'],
  ])('the last day of %s is %s', (month, last) => {
    expect(lastDayOfMonth(month)).toBe(last);
    expect(firstDayOfMonth(month)).toBe(`${month}-01`);
  });
});

describe('parsing and formatting', () => {
  it.each([
    ['2024-02-29', true],
    ['2023-02-29', false],
    ['2100-02-29', false],
    ['2000-02-29', true],
    ['2026-04-31', false],
    ['2026-13-01', false],
    ['2026-00-10', false],
    ['2026-01-00', false],
    ['0000-01-01', false],
    ['0001-01-01', true],
    ['9999-12-31', true],
    ['10000-01-01', false],
    ['2026-1-01', false],
    ['2026-01-01T00:00', false],
    ['', false],
  ])('%s is a calendar date: %s', (text, valid) => {
    expect(isCalendarDate(text)).toBe(valid);
    expect(parseDate(text) !== null).toBe(valid);
  });

  it.each([
    ['2026-03', { year: 2026, month: 3 }],
    ['0001-01', { year: 1, month: 1 }],
    ['9999-12', { year: 9999, month: 12 }],
    ['0000-12', null],
    ['2026-13', null],
    ['2026-00', null],
    ['2026-3', null],
    ['2026-03-01', null],
    ['10000-01', null],
  ])('parses the month %s as %j', (text, parts) => {
    expect(parseMonth(text)).toEqual(parts);
    expect(isMonth(text)).toBe(parts !== null);
  });

  it('formats months and dates with four-digit years, and refuses what is not one', () => {
    expect(isoMonth(1, 1)).toBe('0001-01');
    expect(isoMonth(2026, 12)).toBe('2026-12');
    expect(isoDate(50, 3, 5)).toBe('0050-03-05');
    expect(() => isoMonth(0, 12)).toThrow(RangeError);
    expect(() => isoMonth(10_000, 1)).toThrow(RangeError);
    expect(() => isoMonth(2026, 13)).toThrow(RangeError);
    expect(() => isoDate(2023, 2, 29)).toThrow(RangeError);
    expect(monthOf('2026-03-15')).toBe('2026-03');
    expect(() => monthOf('2026-03')).toThrow(RangeError);
  });
});

describe('month arithmetic', () => {
  it.each([
    ['2026-03', 0, '2026-03'],
    ['2026-03', 1, '2026-04'],
    ['2026-12', 1, '2027-01'],
    ['2027-01', -1, '2026-12'],
    ['2026-01', -13, '2024-12'],
    ['2026-05', 24, '2028-05'],
    ['2026-05', -24, '2024-05'],
    ['0001-02', -1, '0001-01'],
    ['9999-11', 1, '9999-12'],
    ['0001-01', 119_987, '9999-12'],
    ['9999-12', -119_987, '0001-01'],
  ])('%s shifted by %i months is %s', (month, count, expected) => {
    expect(addMonths(month, count)).toBe(expected);
  });

  it.each([
    ['0001-01', -1],
    ['9999-12', 1],
    ['2026-01', -30_000],
  ])('refuses to shift %s by %i past the calendar', (month, count) => {
    expect(() => addMonths(month, count)).toThrow(RangeError);
  });

  it.each([
    ['2026-01-31', 1, '2026-02-28'],
    ['2024-01-31', 1, '2024-02-29'],
    ['2024-02-29', 12, '2025-02-28'],
    ['2024-02-29', 48, '2028-02-29'],
    ['2100-01-31', 1, '2100-02-28'],
    ['2000-01-31', 1, '2000-02-29'],
    ['2026-03-31', -1, '2026-02-28'],
    ['2026-03-31', 1, '2026-04-30'],
    ['2026-05-31', -1, '2026-04-30'],
    ['2026-12-15', 1, '2027-01-15'],
    ['2027-01-15', -1, '2026-12-15'],
    ['2026-08-31', -6, '2026-02-28'],
    ['2026-03-15', 0, '2026-03-15'],
    ['0001-03-31', -2, '0001-01-31'],
    ['9999-10-31', 2, '9999-12-31'],
  ])('%s shifted by %i months is %s (the day clamped to the month)', (date, count, expected) => {
    expect(addMonthsToDate(date, count)).toBe(expected);
  });

  it('refuses to shift a date past the calendar', () => {
    expect(() => addMonthsToDate('0001-01-31', -1)).toThrow(RangeError);
    expect(() => addMonthsToDate('9999-12-01', 1)).toThrow(RangeError);
  });

  it.each([
    ['0001-01', 12],
    ['2026-01', 2026 * 12],
    ['2026-12', 2026 * 12 + 11],
    ['9999-12', 9999 * 12 + 11],
  ])('the index of %s is %i, and back', (month, index) => {
    expect(monthIndex(month)).toBe(index);
    expect(monthFromIndex(index)).toBe(month);
  });

  it.each([
    ['2026-11', '2027-02', ['2026-11', '2026-12', '2027-01', '2027-02']],
    ['2026-03', '2026-03', ['2026-03']],
    ['2026-04', '2026-03', []],
    ['0001-01', '0001-02', ['0001-01', '0001-02']],
    ['9999-11', '9999-12', ['9999-11', '9999-12']],
  ])('the months from %s to %s are %j', (first, last, months) => {
    expect(monthsBetween(first, last)).toEqual(months);
  });

  it('spans the whole calendar in 119,988 months', () => {
    const all = monthsBetween('0001-01', '9999-12');
    expect(all).toHaveLength(119_988);
    expect(all.at(1000)).toBe('0084-05');
  });
});

describe('day arithmetic', () => {
  it.each([
    ['1970-01-01', 0],
    ['1970-01-02', 1],
    ['1969-12-31', -1],
    ['2000-03-01', 11_017],
    ['2026-03-05', 20_517],
  ])('%s is day %i after the epoch', (date, index) => {
    expect(dayIndex(date)).toBe(index);
    expect(dateFromDayIndex(index)).toBe(date);
  });

  it.each([
    ['2024-02-28', 1, '2024-02-29'],
    ['2023-02-28', 1, '2023-03-01'],
    ['2100-02-28', 1, '2100-03-01'],
    ['2000-02-28', 1, '2000-02-29'],
    ['2026-12-31', 1, '2027-01-01'],
    ['2027-01-01', -1, '2026-12-31'],
    ['2024-03-01', -1, '2024-02-29'],
    ['2026-01-01', 365, '2027-01-01'],
    ['2024-01-01', 366, '2025-01-01'],
    ['0001-01-02', -1, '0001-01-01'],
    ['9999-12-30', 1, '9999-12-31'],
  ])('%s plus %i days is %s', (date, count, expected) => {
    expect(addDays(date, count)).toBe(expected);
  });

  it('refuses days past the calendar', () => {
    expect(() => addDays('0001-01-01', -1)).toThrow(RangeError);
    expect(() => addDays('9999-12-31', 1)).toThrow(RangeError);
  });

  it('lists the dates between two dates, both included', () => {
    expect(datesBetween('2024-02-27', '2024-03-02')).toEqual([
      '2024-02-27',
      '2024-02-28',
      '2024-02-29',
      '2024-03-01',
      '2024-03-02',
    ]);
    expect(datesBetween('2026-12-31', '2027-01-01')).toEqual(['2026-12-31', '2027-01-01']);
    expect(datesBetween('2026-01-02', '2026-01-01')).toEqual([]);
  });

  it('agrees with Date for every day between years 1 and 9999, sampled', () => {
    fc.assert(
      fc.property(fc.integer({ min: dayIndex('0001-01-01'), max: dayIndex('9999-12-31') }), (n) => {
        const expected = new Date(n * 86_400_000).toISOString().slice(0, 10);
        expect(dateFromDayIndex(n)).toBe(expected);
        expect(dayIndex(expected)).toBe(n);
        expect(addDays(expected, 0)).toBe(expected);
      }),
      { numRuns: 2000 },
    );
  });

  it('gives midnight UTC of a date, also in years 1 to 99', () => {
    expect(utcMidnight('2026-03-05').toISOString()).toBe('2026-03-05T00:00:00.000Z');
    expect(utcMidnight('0050-01-01').toISOString()).toBe('0050-01-01T00:00:00.000Z');
  });
});
