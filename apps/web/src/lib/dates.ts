/** Calendar dates are `YYYY-MM-DD` strings with no time zone; these helpers never shift a day. */
// Arithmetic on dates and months lives in the calendar module, shared with the API; this file
// only formats them for a person and knows the user's "today".
import { firstDayOfMonth, localDate, runtimeTimeZone, utcMidnight } from '@moneta/schema/calendar';

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

const dateFormatters = new Map<string, Intl.DateTimeFormat>();

/** A calendar date in the user's locale ("Mar 5, 2026"), computed in UTC so no day shifts. */
export function formatDate(date: string, locale?: string): string {
  const key = locale ?? '';
  let format = dateFormatters.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' });
    dateFormatters.set(key, format);
  }
  return format.format(utcMidnight(date));
}

const shortDateFormatters = new Map<string, Intl.DateTimeFormat>();

/** A date without its year in the user's locale ("Mar 5"), for chart axes within a period. */
export function formatShortDate(date: string, locale?: string): string {
  const key = locale ?? '';
  let format = shortDateFormatters.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, { month: 'short', day: 'numeric', timeZone: 'UTC' });
    shortDateFormatters.set(key, format);
  }
  return format.format(utcMidnight(date));
}

/** A `YYYY-MM` month in the user's locale ("Mar 2026"). */
export function formatMonth(month: string, locale?: string): string {
  return new Intl.DateTimeFormat(locale, {
    month: 'short',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(utcMidnight(firstDayOfMonth(month)));
}

const instantFormat = new Intl.DateTimeFormat(undefined, {
  dateStyle: 'medium',
  timeStyle: 'short',
});

/** A UTC instant from the API ("2026-03-05T10:00:00.000Z") in the user's locale and time zone. */
export function formatInstant(instant: string): string {
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
