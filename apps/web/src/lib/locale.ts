/**
 * One rule for every date, month, amount and count the web shows: the words are English, like
 * the rest of the interface, and the order and separators are those of the browser's region.
 * A browser set to de-AT shows "5 Oct 2026" and "€ 1.234,50", never "5. Okt. 2026" inside an
 * English page; en-US shows "Oct 5, 2026" and "€1,234.50".
 */
export function localeFor(languages: readonly string[]): string {
  for (const tag of languages) {
    let region: string | undefined;
    try {
      region = new Intl.Locale(tag).maximize().region;
    } catch {
      continue;
    }
    if (!region) continue;
    const candidate = `en-${region}`;
    if (Intl.DateTimeFormat.supportedLocalesOf([candidate]).length > 0) return candidate;
  }
  return 'en';
}

let cached: string | undefined;

/** The locale of the interface for this browser (see `localeFor`). */
export function appLocale(): string {
  cached ??= localeFor(typeof navigator === 'undefined' ? [] : navigator.languages);
  return cached;
}

const countFormats = new Map<string, Intl.NumberFormat>();

/** A count of things ("12,345 rows") by the same rule. */
export function formatCount(count: number, locale: string = appLocale()): string {
  let format = countFormats.get(locale);
  if (!format) {
    format = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
    countFormats.set(locale, format);
  }
  return format.format(count);
}
