import { describe, expect, it } from 'vitest';
import { formatDate, formatExpiry, formatMonth, today } from './dates';

describe('dates', () => {
  it('shows a date-only token expiry as its own day, whatever the browser zone', () => {
    expect(formatExpiry('2027-06-30T00:00:00.000Z')).toMatch(/30/);
    expect(formatExpiry('2027-06-30T00:00:00.000Z')).toContain('00:00 UTC');
    expect(formatExpiry('2027-06-30T00:00:00.000Z')).not.toMatch(/29/);
  });

  it.each([
    ['2026-12-01T12:00:00Z', 'Pacific/Kiritimati', '2026-12-02'],
    ['2026-12-01T12:00:00Z', 'America/Los_Angeles', '2026-12-01'],
    ['2026-12-01T06:00:00Z', 'America/Los_Angeles', '2026-11-30'],
    ['2028-02-29T23:30:00Z', 'UTC', '2028-02-29'],
  ])('today at %s in %s is %s', (instant, zone, expected) => {
    expect(today(new Date(instant), zone)).toBe(expected);
  });

  it.each([
    ['2026-03-05', 'Mar 5, 2026'],
    ['2024-02-29', 'Feb 29, 2024'],
    ['0050-03-05', 'Mar 5, 50'],
    ['9999-12-31', 'Dec 31, 9999'],
  ])('formats %s as %s, the same day in every zone (years 1-99 are not 19xx)', (date, text) => {
    expect(formatDate(date, 'en-US')).toBe(text);
  });

  it('formats a month as its short name and year', () => {
    expect(formatMonth('2026-12', 'en-US')).toBe('Dec 2026');
    expect(formatMonth('0050-01', 'en-US')).toBe('Jan 50');
  });
});
