/**
 * ISO 4217 active codes and their minor units. Intl's digits disagree with ISO for a few
 * currencies (IQD, for one), and money must follow the standard, so the table lives here.
 */
const NON_TWO_DECIMALS: Readonly<Record<string, number>> = {
  BIF: 0,
  CLP: 0,
  DJF: 0,
  GNF: 0,
  ISK: 0,
  JPY: 0,
  KMF: 0,
  KRW: 0,
  PYG: 0,
  RWF: 0,
  UGX: 0,
  UYI: 0,
  VND: 0,
  VUV: 0,
  XAF: 0,
  XOF: 0,
  XPF: 0,
  BHD: 3,
  IQD: 3,
  JOD: 3,
  KWD: 3,
  LYD: 3,
  OMR: 3,
  TND: 3,
  CLF: 4,
  UYW: 4,
};

const TWO_DECIMALS = (
  'AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BMD BND BOB BOV BRL BSD BTN BWP BYN ' +
  'BZD CAD CDF CHE CHF CHW CNY COP COU CRC CUP CVE CZK DKK DOP DZD EGP ERN ETB EUR FJD FKP GBP ' +
  'GEL GHS GIP GMD GTQ GYD HKD HNL HTG HUF IDR ILS INR IRR JMD KES KGS KHR KPW KYD KZT LAK LBP ' +
  'LKR LRD LSL MAD MDL MGA MKD MMK MNT MOP MRU MUR MVR MWK MXN MXV MYR MZN NAD NGN NIO NOK NPR ' +
  'NZD PAB PEN PGK PHP PKR PLN QAR RON RSD RUB SAR SBD SCR SDG SEK SGD SHP SLE SOS SRD SSP STN ' +
  'SVC SYP SZL THB TJS TMT TOP TRY TTD TWD TZS UAH USD USN UYU UZS VED VES WST XCD XCG YER ZAR ' +
  'ZMW ZWG'
).split(' ');

export const CURRENCY_DECIMALS: ReadonlyMap<string, number> = new Map([
  ...TWO_DECIMALS.map((code): [string, number] => [code, 2]),
  ...Object.entries(NON_TWO_DECIMALS),
]);

export const CURRENCY_CODES: readonly string[] = [...CURRENCY_DECIMALS.keys()].sort();

export function isCurrencyCode(code: string): boolean {
  return CURRENCY_DECIMALS.has(code);
}

/** Number of minor-unit digits of an ISO 4217 currency (USD 2, JPY 0, KWD 3). */
export function currencyDecimals(code: string): number {
  const decimals = CURRENCY_DECIMALS.get(code);
  if (decimals === undefined) throw new RangeError(`Unknown currency ${code}`);
  return decimals;
}
