// Plain functions only, no zod and no imports at all: the web's first screen imports this module
// on its own (`@moneta/schema/calendar`) without pulling the contracts in.
//
// The one home of calendar arithmetic for the API and the web. A date is `YYYY-MM-DD` text and a
// month `YYYY-MM` text, both in the proleptic Gregorian calendar from year 1 to year 9999 (what
// IsoDate accepts). The arithmetic is on integers, never on `Date`, whose years 0-99 mean 1900-1999
// and whose local time shifts days; a result outside years 1-9999 is a RangeError, not a guess.

export const FIRST_YEAR = 1;
export const LAST_YEAR = 9999;

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** Days in a month of the proleptic Gregorian calendar; month is 1-12. */
export function daysInMonth(year: number, month: number): number {
  return month === 2 && isLeapYear(year) ? 29 : (DAYS_IN_MONTH[month - 1] ?? 0);
}

const pad2 = (value: number) => String(value).padStart(2, '0');
const pad4 = (value: number) => String(value).padStart(4, '0');

function inCalendar(year: number): boolean {
  return Number.isInteger(year) && year >= FIRST_YEAR && year <= LAST_YEAR;
}

/** `YYYY-MM-DD` of a year, month (1-12) and day; refuses what is not a calendar date. */
export function isoDate(year: number, month: number, day: number): string {
  const text = `${pad4(year)}-${pad2(month)}-${pad2(day)}`;
  if (!inCalendar(year) || !isCalendarDate(text)) throw new RangeError(`Not a date: ${text}`);
  return text;
}

/** `YYYY-MM` of a year and month (1-12); refuses what is not a month of years 1-9999. */
export function isoMonth(year: number, month: number): string {
  if (!inCalendar(year) || !Number.isInteger(month) || month < 1 || month > 12) {
    throw new RangeError(`Not a month: ${year}-${month}`);
  }
  return `${pad4(year)}-${pad2(month)}`;
}

const DATE_TEXT = /^(\d{4})-(\d{2})-(\d{2})$/;
const MONTH_TEXT = /^(\d{4})-(\d{2})$/;

/** The parts of a `YYYY-MM-DD` calendar date, or null for anything else ("2026-02-30"). */
export function parseDate(text: string): { year: number; month: number; day: number } | null {
  const match = DATE_TEXT.exec(text);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (year < FIRST_YEAR || month < 1 || month > 12 || day < 1) return null;
  return day <= daysInMonth(year, month) ? { year, month, day } : null;
}

export function isCalendarDate(text: string): boolean {
  return parseDate(text) !== null;
}

/** The parts of a `YYYY-MM` month, or null for anything else ("2026-13", "0000-12"). */
export function parseMonth(text: string): { year: number; month: number } | null {
  const match = MONTH_TEXT.exec(text);
  if (!match) return null;
  const [year, month] = [Number(match[1]), Number(match[2])];
  return year >= FIRST_YEAR && month >= 1 && month <= 12 ? { year, month } : null;
}

export function isMonth(text: string): boolean {
  return parseMonth(text) !== null;
}

function monthParts(month: string): { year: number; month: number } {
  const parts = parseMonth(month);
  if (!parts) throw new RangeError(`Not a month: ${month}`);
  return parts;
}

function dateParts(date: string): { year: number; month: number; day: number } {
  const parts = parseDate(date);
  if (!parts) throw new RangeError(`Not a date: ${date}`);
  return parts;
}

/** The month a date falls in: "2026-03-15" -> "2026-03". */
export function monthOf(date: string): string {
  const { year, month } = dateParts(date);
  return isoMonth(year, month);
}

/** Months since 0000-01 (year * 12 + month - 1): the difference of two is how far apart they are. */
export function monthIndex(month: string): number {
  const parts = monthParts(month);
  return parts.year * 12 + parts.month - 1;
}

export function monthFromIndex(index: number): string {
  return isoMonth(Math.floor(index / 12), (((index % 12) + 12) % 12) + 1);
}

/** The month `count` months later (earlier when negative): "2026-12" + 1 -> "2027-01". */
export function addMonths(month: string, count: number): string {
  return monthFromIndex(monthIndex(month) + count);
}

export function firstDayOfMonth(month: string): string {
  monthParts(month);
  return `${month}-01`;
}

/** The month's last date: "2024-02" -> "2024-02-29", "2100-02" -> "2100-02-28". */
export function lastDayOfMonth(month: string): string {
  const parts = monthParts(month);
  return `${month}-${pad2(daysInMonth(parts.year, parts.month))}`;
}

/**
 * The same day `count` months later (earlier when negative), on the target month's last day when
 * it is shorter: "2026-01-31" + 1 -> "2026-02-28", "2024-02-29" + 12 -> "2025-02-28".
 */
export function addMonthsToDate(date: string, count: number): string {
  const parts = dateParts(date);
  const target = monthParts(addMonths(isoMonth(parts.year, parts.month), count));
  return isoDate(
    target.year,
    target.month,
    Math.min(parts.day, daysInMonth(target.year, target.month)),
  );
}

/** Every month from `first` to `last`, both included; empty when `last` is before `first`. */
export function monthsBetween(first: string, last: string): string[] {
  const start = monthIndex(first);
  const end = monthIndex(last);
  const months: string[] = [];
  for (let index = start; index <= end; index += 1) months.push(monthFromIndex(index));
  return months;
}

/** Days since 1970-01-01 (negative before it): Howard Hinnant's days_from_civil. */
export function dayIndex(date: string): number {
  const { year, month, day } = dateParts(date);
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * ((month + 9) % 12) + 2) / 5) + day - 1;
  const dayOfEra =
    yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

/** The date `index` days after 1970-01-01: the inverse of dayIndex (civil_from_days). */
export function dateFromDayIndex(index: number): string {
  const z = index + 719_468;
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor(
    (dayOfEra -
      Math.floor(dayOfEra / 1460) +
      Math.floor(dayOfEra / 36_524) -
      Math.floor(dayOfEra / 146_096)) /
      365,
  );
  const dayOfYear =
    dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const shifted = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * shifted + 2) / 5) + 1;
  const month = shifted < 10 ? shifted + 3 : shifted - 9;
  return isoDate(yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day);
}

/** The date `count` days later (earlier when negative). */
export function addDays(date: string, count: number): string {
  return dateFromDayIndex(dayIndex(date) + count);
}

/** Every date from `from` to `to`, both included; empty when `to` is before `from`. */
export function datesBetween(from: string, to: string): string[] {
  const start = dayIndex(from);
  const end = dayIndex(to);
  const dates: string[] = [];
  for (let index = start; index <= end; index += 1) dates.push(dateFromDayIndex(index));
  return dates;
}

/**
 * Midnight UTC of a date, for Intl formatting with `timeZone: 'UTC'` (so no day shifts). Built
 * with setUTCFullYear: `Date.UTC(50, 0, 1)` would be 1950.
 */
export function utcMidnight(date: string): Date {
  const { year, month, day } = dateParts(date);
  const instant = new Date(0);
  instant.setUTCFullYear(year, month - 1, day);
  return instant;
}

/** Whether the runtime knows the IANA time zone (Europe/Berlin, America/Los_Angeles, UTC). */
export function isTimeZone(name: string): boolean {
  if (name.length === 0 || name.length > 64) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

const dayFormats = new Map<string, Intl.DateTimeFormat>();

/**
 * The calendar date (YYYY-MM-DD) of an instant in a time zone: what "today" means for a user
 * there. Without a zone, the runtime's own (the server's, or the browser's).
 */
export function localDate(instant: Date, timeZone?: string): string {
  const key = timeZone ?? '';
  let format = dayFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      ...(timeZone ? { timeZone } : {}),
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    });
    dayFormats.set(key, format);
  }
  const parts = Object.fromEntries(
    format.formatToParts(instant).map((part) => [part.type, part.value]),
  );
  return `${(parts.year ?? '').padStart(4, '0')}-${parts.month ?? ''}-${parts.day ?? ''}`;
}

let runtimeZone: string | undefined;

/**
 * The runtime's own time zone name, read once: resolving it builds a formatter (about 75 µs),
 * and the server asks on every request of a user who chose no zone.
 */
export function runtimeTimeZone(): string {
  runtimeZone ??= Intl.DateTimeFormat().resolvedOptions().timeZone;
  return runtimeZone;
}
