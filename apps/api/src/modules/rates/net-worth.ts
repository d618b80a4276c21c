import {
  convertMinor,
  currencyDecimals,
  formatMinor,
  parseRate,
  type NetWorth,
} from '@moneta/schema';
import type { Repositories } from '../../db/repositories.js';
import type { AccountRow } from '../../db/schema.js';

/**
 * Net worth in the reporting currency as of `today`: every account's balance summed exactly per
 * currency, each other currency converted once by the latest rate on or before today (never
 * fetched, never guessed). A currency without a rate makes the total null and is listed.
 */
export async function netWorth(
  repos: Repositories,
  userId: number,
  reporting: string,
  today: string,
  // What the caller has read already (the summary): not read twice.
  known?: { accounts: readonly AccountRow[]; balances: ReadonlyMap<number, number> },
): Promise<NetWorth> {
  const balances = known?.balances ?? (await repos.accounts.balancesOn(userId, today));
  const byCurrency = new Map<string, bigint>();
  for (const account of known?.accounts ?? (await repos.accounts.list(userId))) {
    const balance = BigInt(balances.get(account.id) ?? 0);
    byCurrency.set(account.currency, (byCurrency.get(account.currency) ?? 0n) + balance);
  }
  const to = { decimals: currencyDecimals(reporting) };
  let total: bigint | null = 0n;
  const missingRates: NetWorth['missingRates'] = [];
  const rows: NetWorth['byCurrency'] = [];
  const currencies = [...byCurrency.keys()].sort((a, b) =>
    a === reporting ? -1 : b === reporting ? 1 : a < b ? -1 : a > b ? 1 : 0,
  );
  for (const currency of currencies) {
    const balance = byCurrency.get(currency) ?? 0n;
    const from = { decimals: currencyDecimals(currency) };
    let converted: bigint | null = null;
    let rate: string | null = null;
    let rateDate: string | null = null;
    if (currency === reporting) {
      converted = balance;
    } else if (balance === 0n) {
      converted = 0n;
    } else {
      const found = await repos.rates.latest(userId, currency, reporting, today);
      const exact = found ? parseRate(found.rate) : null;
      if (found && exact) {
        converted = convertMinor(
          balance,
          from,
          to,
          exact,
          found.base === currency ? 'multiply' : 'divide',
        );
        rate = found.base === currency ? found.rate : `1/${found.rate}`;
        rateDate = found.date;
      } else {
        missingRates.push({ base: currency, quote: reporting });
      }
    }
    if (converted === null) total = null;
    else if (total !== null) total += converted;
    rows.push({
      currency,
      balance: formatMinor(balance, from.decimals),
      converted: converted === null ? null : formatMinor(converted, to.decimals),
      rate,
      rateDate,
    });
  }
  return {
    currency: reporting,
    asOf: today,
    amount: total === null ? null : formatMinor(total, to.decimals),
    missingRates,
    byCurrency: rows,
  };
}
