/** Calendar dates are `YYYY-MM-DD` strings with no time zone; these helpers never shift a day. */
// Arithmetic on dates and months lives in the calendar module, shared with the API; this file
// only formats them for a person and knows the user's "today".
import { firstDayOfMonth, localDate, runtimeTimeZone, utcMidnight } from '@moneta/schema/calendar';
import { appLocale } from './locale';

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

/** A calendar date ("Mar 5, 2026", "5 Mar 2026"), by the app's locale rule, in UTC: no day shifts. */
export function formatDate(date: string, locale: string = appLocale()): string {
  const key = locale;
  let format = dateFormatters.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' });
    dateFormatters.set(key, format);
  }
  return format.format(utcMidnight(date));
}

const shortDateFormatters = new Map<string, Intl.DateTimeFormat>();

/** A date without its year ("Mar 5", "5 Mar"), by the app's locale rule, for chart axes. */
export function formatShortDate(date: string, locale: string = appLocale()): string {
  const key = locale;
  let format = shortDateFormatters.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, { month: 'short', day: 'numeric', timeZone: 'UTC' });
    shortDateFormatters.set(key, format);
  }
  return format.format(utcMidnight(date));
}

/** A `YYYY-MM` month ("Mar 2026"), by the app's locale rule. */
export function formatMonth(month: string, locale: string = appLocale()): string {
  return new Intl.DateTimeFormat(locale, {
    month: 'short',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(utcMidnight(firstDayOfMonth(month)));
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
