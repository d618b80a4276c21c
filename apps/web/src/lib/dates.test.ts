import { describe, expect, it } from 'vitest';
import { formatExpiry, today } from './dates';

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
});
