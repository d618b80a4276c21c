import { describe, expect, it } from 'vitest';
import { AppError } from '../../src/errors.js';
import { decodeCursor, encodeCursor } from '../../src/modules/transactions/transactions.service.js';

const base64url = (text: string) => Buffer.from(text, 'utf8').toString('base64url');

/** What decodeCursor threw, or null when it did not. */
function refusal(cursor: string): unknown {
  try {
    decodeCursor(cursor);
    return null;
  } catch (error) {
    return error;
  }
}

describe('encodeCursor and decodeCursor', () => {
  it.each([
    { date: '2026-03-07', id: 1 },
    { date: '2026-03-07', id: 42 },
    { date: '0001-01-01', id: 1 },
    { date: '9999-12-31', id: 123_456_789 },
    { date: '2024-02-29', id: 999_999_999_999_999 },
    { date: '2024-02-29', id: Number.MAX_SAFE_INTEGER },
  ])('round-trips %o', (position) => {
    const cursor = encodeCursor(position);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(cursor)).toEqual(position);
  });

  it('keeps the format clients already hold: base64url of "date|id"', () => {
    expect(encodeCursor({ date: '2026-01-02', id: 5 })).toBe('MjAyNi0wMS0wMnw1');
    expect(decodeCursor('MjAyNi0wMS0wMnw1')).toEqual({ date: '2026-01-02', id: 5 });
  });

  it('gives each position its own cursor', () => {
    const cursors = [
      { date: '2026-01-02', id: 5 },
      { date: '2026-01-02', id: 50 },
      { date: '2026-01-20', id: 5 },
      { date: '2026-10-02', id: 5 },
    ].map(encodeCursor);
    expect(new Set(cursors).size).toBe(cursors.length);
  });

  it.each<[string, string]>([
    ['empty', ''],
    ['not base64', '!!!'],
    ['not base64 either', '%%%%'],
    ['a word', 'cursor'],
    ['one character', 'x'],
    ['JSON', base64url('{"date":"2026-01-02","id":5}')],
    ['a JSON array', base64url('["2026-01-02",5]')],
    ['the plain text unencoded', '2026-01-02|5'],
    ['no id', base64url('2026-01-02|')],
    ['no date', base64url('|5')],
    ['no separator', base64url('2026-01-02')],
    ['another separator', base64url('2026-01-02,5')],
    ['three parts', base64url('2026-01-02|5|6')],
    ['a zero id', base64url('2026-01-02|0')],
    ['a negative id', base64url('2026-01-02|-5')],
    ['a leading zero', base64url('2026-01-02|05')],
    ['a fractional id', base64url('2026-01-02|1.5')],
    ['an exponent id', base64url('2026-01-02|1e3')],
    ['a text id', base64url('2026-01-02|five')],
    ['a 17-digit id', base64url('2026-01-02|12345678901234567')],
    ['a short date', base64url('2026-1-2|5')],
    ['a two-digit year', base64url('26-01-02|5')],
    ['slashes in the date', base64url('2026/01/02|5')],
    ['a timestamp', base64url('2026-01-02T00:00:00Z|5')],
    ['a space before', base64url(' 2026-01-02|5')],
    ['a newline after', base64url('2026-01-02|5\n')],
    ['a NUL after', base64url('2026-01-02|5\u0000')],
    ['a month 13', base64url('2026-13-45|5')],
    ['30 February', base64url('2026-02-30|5')],
    ['an id past 2^53', base64url('2026-01-02|9999999999999999')],
  ])('refuses %s with a 400 naming the cursor', (_, cursor) => {
    const error = refusal(cursor);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({
      status: 400,
      errors: [{ path: 'cursor', message: 'is not a cursor this API returned' }],
    });
  });
});
