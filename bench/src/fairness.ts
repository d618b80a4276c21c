import Database from 'better-sqlite3';
import { isDeepStrictEqual } from 'node:util';
import { NetWorth, firstDayOfMonth, lastDayOfMonth, monthOf } from '@moneta/schema';
import type { GeneratedData } from './generate.js';
import type { LoadRequest } from './load.js';
import type { RunningServer } from './servers.js';

type Pair<T> = { app: T; baseline: T };

export interface FairnessCheck {
  /** GETs whose bodies must be identical, byte for byte (so keys come in the same order). */
  reads: Array<{ name: string; path: string }>;
  /**
   * Summaries whose net worth both must agree on, with every currency of the measured user's
   * accounts converted by a rate: a missing rate would measure the cheap path, not conversion.
   */
  netWorth: Array<{ name: string; path: string }>;
  /** GETs both must refuse with this status (another user's account answers as a missing one). */
  refusals: Array<{ name: string; path: string; status: number }>;
  /** Creates sent to the app, then to the baseline; the baseline's row must follow the app's. */
  creates: Array<{ name: string; request: (cookie: string) => LoadRequest }>;
}

async function answer(
  server: RunningServer,
  request: LoadRequest,
): Promise<{ status: number; text: string }> {
  const response = await fetch(`${server.url}${request.path}`, {
    method: request.method,
    headers: request.headers ?? {},
    ...(request.body === undefined ? {} : { body: request.body }),
  });
  return { status: response.status, text: await response.text() };
}

/** Minor units of a decimal string such as "-12.34" (every amount here has the same decimals). */
function minor(text: unknown): bigint {
  if (typeof text !== 'string' || !/^-?\d+(\.\d+)?$/.test(text))
    throw new Error(`not money: ${String(text)}`);
  return BigInt(text.replace('.', ''));
}

/**
 * The baseline must do the app's work, not less: every read answers with the app's bytes, and a
 * create leaves the ledger as the app's own create would (the row's balance is the running sum of
 * its account's changes, continuing from the app's row; the month's totals equal a fresh sum of
 * the account's rows; the search text is stored). Both servers use one database file, so the
 * app's rows land first and the baseline's after them. Returns the problems found; none means fair.
 */
export async function checkFairness(
  servers: Pair<RunningServer>,
  cookies: Pair<string>,
  data: GeneratedData,
  check: FairnessCheck,
): Promise<string[]> {
  const problems: string[] = [];
  for (const { name, path } of check.reads) {
    const request = (cookie: string): LoadRequest => ({ method: 'GET', path, headers: { cookie } });
    const app = await answer(servers.app, request(cookies.app));
    const baseline = await answer(servers.baseline, request(cookies.baseline));
    if (app.status !== 200 || baseline.status !== 200) {
      problems.push(`${name}: app answered ${app.status}, baseline ${baseline.status}`);
    } else if (app.text !== baseline.text) {
      let at = 0;
      while (app.text[at] === baseline.text[at]) at += 1;
      problems.push(
        `${name}: the baseline's JSON differs from the app's at character ${at}: ` +
          `app ${JSON.stringify(app.text.slice(Math.max(0, at - 40), at + 40))}, ` +
          `baseline ${JSON.stringify(baseline.text.slice(Math.max(0, at - 40), at + 40))}`,
      );
    }
  }
  const currencies = [...new Set(data.accounts.map((account) => account.currency))].sort();
  for (const { name, path } of check.netWorth) {
    const request = (cookie: string): LoadRequest => ({ method: 'GET', path, headers: { cookie } });
    const worth = async (target: keyof Pair<unknown>) => {
      const { status, text } = await answer(servers[target], request(cookies[target]));
      if (status !== 200) return `answered ${status}`;
      const parsed = NetWorth.safeParse((JSON.parse(text) as { netWorth?: unknown }).netWorth);
      return parsed.success ? parsed.data : `has no net worth: ${parsed.error.message}`;
    };
    const app = await worth('app');
    const baseline = await worth('baseline');
    if (typeof app === 'string' || typeof baseline === 'string') {
      problems.push(`${name}: app ${JSON.stringify(app)}, baseline ${JSON.stringify(baseline)}`);
      continue;
    }
    const unconverted = app.byCurrency.filter(
      (row) => row.converted === null || (row.currency !== app.currency && row.rate === null),
    );
    if (
      app.amount === null ||
      app.missingRates.length > 0 ||
      unconverted.length > 0 ||
      app.byCurrency
        .map((row) => row.currency)
        .sort()
        .join() !== currencies.join()
    ) {
      problems.push(
        `${name}: the app's net worth must convert every currency of ${currencies.join(', ')} ` +
          `by a rate, it answered ${JSON.stringify(app)}`,
      );
    }
    if (!isDeepStrictEqual(app, baseline)) {
      problems.push(
        `${name}: net worth differs: app ${JSON.stringify(app)}, baseline ${JSON.stringify(baseline)}`,
      );
    }
  }
  for (const { name, path, status } of check.refusals) {
    const request = (cookie: string): LoadRequest => ({ method: 'GET', path, headers: { cookie } });
    const app = await answer(servers.app, request(cookies.app));
    const baseline = await answer(servers.baseline, request(cookies.baseline));
    if (app.status !== status || baseline.status !== status) {
      problems.push(
        `${name}: expected ${status}, app answered ${app.status}, baseline ${baseline.status}`,
      );
    }
  }

  const sqlite = new Database(data.path, { readonly: true });
  try {
    const searchTextOf = sqlite.prepare<[number], { searchText: string | null }>(
      'SELECT search_text AS searchText FROM transactions WHERE id = ?',
    );
    const runningSum = sqlite.prepare<[number], { balanceAfter: number; sum: number }>(
      `SELECT r.balance_after AS balanceAfter,
         (SELECT SUM(t.delta) FROM transactions t
          WHERE t.account_id = r.account_id AND (t.date, t.id) <= (r.date, r.id)) AS sum
       FROM transactions r WHERE r.id = ?`,
    );
    const stored = sqlite.prepare<[number, string], Record<string, unknown>>(
      `SELECT type, category_key AS category, total, count FROM monthly_totals
       WHERE account_id = ? AND month = ? ORDER BY type, category_key`,
    );
    const fresh = sqlite.prepare<[number, string, string], Record<string, unknown>>(
      `SELECT type, coalesce(category_id, 0) AS category,
         SUM(CASE WHEN type IN ('income', 'expense') THEN amount ELSE delta END) AS total, COUNT(*) AS count
       FROM transactions WHERE account_id = ? AND date >= ? AND date <= ?
       GROUP BY type, coalesce(category_id, 0) ORDER BY type, category`,
    );
    // Every app create first, then the baseline's, so each baseline row follows rows of other
    // accounts too: a balance carried over from another account would show.
    const appAnswers = [];
    for (const { request } of check.creates)
      appAnswers.push(await answer(servers.app, request(cookies.app)));
    const baselineAnswers = [];
    for (const { request } of check.creates)
      baselineAnswers.push(await answer(servers.baseline, request(cookies.baseline)));
    for (const [index, { name }] of check.creates.entries()) {
      const app = appAnswers[index];
      const baseline = baselineAnswers[index];
      if (!app || !baseline) throw new Error('a create went unanswered');
      if (app.status !== 201 || baseline.status !== 201) {
        problems.push(`${name}: app answered ${app.status}, baseline ${baseline.status}`);
        continue;
      }
      const ours = JSON.parse(app.text) as Record<string, unknown>;
      const theirs = JSON.parse(baseline.text) as Record<string, unknown>;
      // What must differ between two creates: the row, its times, and the balance after it.
      const same = (row: Record<string, unknown>) =>
        Object.entries(row).filter(
          ([key]) => !['id', 'createdAt', 'updatedAt', 'balanceAfter'].includes(key),
        );
      if (Object.keys(ours).join() !== Object.keys(theirs).join()) {
        problems.push(
          `${name}: keys differ: app ${Object.keys(ours).join()}, baseline ${Object.keys(theirs).join()}`,
        );
      } else if (!isDeepStrictEqual(same(ours), same(theirs))) {
        problems.push(`${name}: app wrote ${app.text}, baseline ${baseline.text}`);
      } else if (minor(theirs.balanceAfter) !== minor(ours.balanceAfter) + minor(theirs.change)) {
        problems.push(
          `${name}: the baseline's balance after (${String(theirs.balanceAfter)}) does not continue ` +
            `the app's (${String(ours.balanceAfter)}) by ${String(theirs.change)}`,
        );
      }
      const [appId, baselineId] = [Number(ours.id), Number(theirs.id)];
      const row = runningSum.get(baselineId);
      if (!row || row.balanceAfter !== row.sum) {
        problems.push(
          `${name}: the baseline's row stores balance ${String(row?.balanceAfter)}, its account's changes sum to ${String(row?.sum)}`,
        );
      }
      if (searchTextOf.get(baselineId)?.searchText !== searchTextOf.get(appId)?.searchText) {
        problems.push(`${name}: the baseline stored another search text than the app`);
      }
      const accountId = Number(theirs.accountId);
      const month = monthOf(String(theirs.date));
      const kept = stored.all(accountId, month);
      const summed = fresh.all(accountId, firstDayOfMonth(month), lastDayOfMonth(month));
      if (!isDeepStrictEqual(kept, summed)) {
        problems.push(
          `${name}: after the baseline's create, account ${accountId}'s totals for ${month} are ` +
            `${JSON.stringify(kept)}, its rows sum to ${JSON.stringify(summed)}`,
        );
      }
    }
  } finally {
    sqlite.close();
  }
  return problems;
}
