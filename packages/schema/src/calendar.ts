// Plain functions only, no zod: the web's first screen imports this module on its own
// (`@moneta/schema/calendar`) without pulling the contracts in.

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
