/** Calendar dates are `YYYY-MM-DD` strings with no time zone; these helpers never shift a day. */
import { localDate, runtimeTimeZone } from '@moneta/schema/calendar';
import { appLocale } from './locale';

const pad = (value: number) => String(value).padStart(2, '0');

export function isoDate(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${pad(month)}-${pad(day)}`;
}

let userTimeZone: string | undefined;

/** The signed-in user's time zone (from /auth/me): "today" is the date there, as for the API. */
export function setUserTimeZone(timeZone: string | undefined): void {
  userTimeZone = timeZone;
}

/** Today in the user's time zone once known, else the browser's: the API's rule, same code. */
export function today(now: Date = new Date(), timeZone: string | undefined = userTimeZone): string {
  return localDate(now, timeZone);
}

/** The browser's own time zone, proposed at sign-up. */
export { runtimeTimeZone as browserTimeZone };

export function lastDayOfMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function parts(date: string): [number, number, number] {
  const [year = 0, month = 1, day = 1] = date.split('-').map(Number);
  return [year, month, day];
}

const dateFormatters = new Map<string, Intl.DateTimeFormat>();

/** A calendar date ("Mar 5, 2026", "5 Mar 2026"), by the app's locale rule, in UTC: no day shifts. */
export function formatDate(date: string, locale: string = appLocale()): string {
  const key = locale;
  let format = dateFormatters.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' });
    dateFormatters.set(key, format);
  }
  const [year, month, day] = parts(date);
  return format.format(new Date(Date.UTC(year, month - 1, day)));
}

/** A `YYYY-MM` month ("Mar 2026"), by the app's locale rule. */
export function formatMonth(month: string, locale: string = appLocale()): string {
  const [year = 0, monthNumber = 1] = month.split('-').map(Number);
  return new Intl.DateTimeFormat(locale, {
    month: 'short',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(Date.UTC(year, monthNumber - 1, 1)));
}

export function monthOf(date: string): string {
  return date.slice(0, 7);
}

export function addMonths(month: string, delta: number): string {
  const [year = 0, monthNumber = 1] = month.split('-').map(Number);
  const index = year * 12 + (monthNumber - 1) + delta;
  return `${String(Math.floor(index / 12)).padStart(4, '0')}-${pad((index % 12) + 1)}`;
}

let instantFormat: Intl.DateTimeFormat | undefined;

/** A UTC instant from the API ("2026-03-05T10:00:00.000Z") in the browser's time zone. */
export function formatInstant(instant: string): string {
  instantFormat ??= new Intl.DateTimeFormat(appLocale(), {
    dateStyle: 'medium',
    timeStyle: 'short',
  });
  return instantFormat.format(new Date(instant));
}

/**
 * A token's expiry. One set as a date expires as that day begins in UTC; shown as that date, not
 * as the evening before in a browser west of Greenwich ("Jun 29, 5:00 PM" for 2027-06-30).
 */
export function formatExpiry(instant: string): string {
  return instant.endsWith('T00:00:00.000Z')
    ? `${formatDate(instant.slice(0, 10))}, 00:00 UTC`
    : formatInstant(instant);
}
