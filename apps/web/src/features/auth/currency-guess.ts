import { CURRENCY_CODES } from '@moneta/schema';

const EURO = 'AT BE CY DE EE ES FI FR GR HR IE IT LT LU LV MT NL PT SI SK'.split(' ');

/** The currency of a country (ISO 3166 region), for the regions people most often sign up from. */
const BY_REGION: Record<string, string> = {
  ...Object.fromEntries(EURO.map((region) => [region, 'EUR'])),
  AE: 'AED',
  AR: 'ARS',
  AU: 'AUD',
  BG: 'BGN',
  BR: 'BRL',
  CA: 'CAD',
  CH: 'CHF',
  CL: 'CLP',
  CN: 'CNY',
  CO: 'COP',
  CZ: 'CZK',
  DK: 'DKK',
  GB: 'GBP',
  HK: 'HKD',
  HU: 'HUF',
  IL: 'ILS',
  IN: 'INR',
  JP: 'JPY',
  KR: 'KRW',
  KW: 'KWD',
  MX: 'MXN',
  NO: 'NOK',
  NZ: 'NZD',
  PL: 'PLN',
  RO: 'RON',
  RU: 'RUB',
  SA: 'SAR',
  SE: 'SEK',
  SG: 'SGD',
  TR: 'TRY',
  UA: 'UAH',
  US: 'USD',
  ZA: 'ZAR',
};

/**
 * The currency the browser's locale suggests ("de-AT" -> EUR, "en-GB" -> GBP, "ja" -> JPY),
 * or USD when the locale names no known region. Only a proposal: the form lets the user choose.
 */
export function guessCurrency(locales: readonly string[]): string {
  const known = new Set<string>(CURRENCY_CODES);
  for (const tag of locales) {
    let region: string | undefined;
    try {
      region = new Intl.Locale(tag).maximize().region;
    } catch {
      continue;
    }
    const currency = region ? BY_REGION[region] : undefined;
    if (currency && known.has(currency)) return currency;
  }
  return 'USD';
}
