import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import PDFDocument from 'pdfkit';
import { formatMinor, type Summary } from '@moneta/schema';
import type { TransactionRow } from '../../db/schema.js';

/** Rows listed in a report; beyond this the CSV export is the right tool. */
export const REPORT_ROW_LIMIT = 5_000;

/** Rows laid out between two turns of the event loop: a long report never stalls other users. */
const ROWS_PER_SLICE = 100;

interface ReportInput {
  username: string;
  summary: Summary;
  rows: Iterable<TransactionRow> | AsyncIterable<TransactionRow>;
  account: (accountId: number) => { name: string; currency: string; decimals: number };
  categoryName: (id: number | null) => string;
  generatedAt: string;
}

type Column = { label: string; width: number; align?: 'left' | 'right' };

/** A month or range report: totals, a by-category table and the transactions, as a PDF stream. */
export function renderReport(input: ReportInput): PDFKit.PDFDocument {
  const { summary } = input;
  const period =
    summary.from && summary.to
      ? `${summary.from} to ${summary.to}`
      : summary.from
        ? `from ${summary.from}`
        : summary.to
          ? `until ${summary.to}`
          : 'all time';
  // All accounts, some not in the reporting currency: the totals and categories add up only the
  // accounts in it (amounts in different currencies do not add up), while the transactions
  // table lists every account's rows, so each row names its currency.
  const mixed =
    summary.accountId === null && summary.accounts.some((a) => a.currency !== summary.currency);
  const scope = mixed ? ` (accounts in ${summary.currency})` : '';
  const doc = new PDFDocument({
    size: 'A4',
    margin: 48,
    info: { Title: `Moneta report, ${period}`, Author: 'Moneta', Subject: input.username },
  });
  const left = doc.page.margins.left;
  const bottom = () => doc.page.height - doc.page.margins.bottom;

  /**
   * One line per row: text wider than its column is cut with an ellipsis. The cut is found by
   * bisection over code points, so a long title costs a few measurements, not one per character.
   */
  const fit = (text: string, width: number) => {
    if (doc.widthOfString(text) <= width) return text;
    const points = Array.from(text);
    let fits = 0;
    let fitsNot = points.length;
    while (fitsNot - fits > 1) {
      const middle = (fits + fitsNot) >>> 1;
      if (doc.widthOfString(`${points.slice(0, middle).join('')}…`) <= width) fits = middle;
      else fitsNot = middle;
    }
    return `${points.slice(0, fits).join('')}…`;
  };
  const row = (columns: Column[], cells: string[], bold = false) => {
    if (doc.y + 16 > bottom()) doc.addPage();
    const y = doc.y;
    let x = left;
    doc.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(9);
    columns.forEach((column, index) => {
      const text = fit(cells[index] ?? '', column.width - 6);
      doc.text(text, x, y, {
        width: column.width - 6,
        align: column.align ?? 'left',
        lineBreak: false,
      });
      x += column.width;
    });
    doc.x = left;
    doc.y = y + 14;
  };
  const heading = (text: string) => {
    if (doc.y + 40 > bottom()) doc.addPage();
    doc.moveDown(0.8).font('Helvetica-Bold').fontSize(13).text(text, left);
    doc.moveDown(0.3);
  };

  doc.font('Helvetica-Bold').fontSize(20).text('Moneta report');
  doc
    .font('Helvetica')
    .fontSize(10)
    .fillColor('#555')
    .text(
      [
        input.username,
        period,
        mixed
          ? `totals: accounts in ${summary.currency}; other currencies are listed in their own`
          : `amounts in ${summary.currency}`,
        `generated ${input.generatedAt}`,
      ].join(' · '),
    )
    .fillColor('black');

  heading(`Totals${scope}`);
  const totals: Column[] = [
    { label: '', width: 200 },
    { label: '', width: 120, align: 'right' },
  ];
  row(totals, ['Income', summary.income]);
  row(totals, ['Expense', summary.expense]);
  row(totals, ['Net', summary.net], true);
  row(totals, [`Balance today (${summary.asOf})`, summary.balance]);
  if (summary.upcoming.count > 0) {
    const upcoming = `${summary.upcoming.count} upcoming transaction${summary.upcoming.count === 1 ? '' : 's'}`;
    row(totals, [`Balance after ${upcoming}`, summary.upcoming.balance]);
  }

  // Every account as of today, in its own currency, and what they are worth together.
  heading('Accounts');
  const accounts: Column[] = [
    { label: 'Account', width: 220 },
    { label: 'Currency', width: 80 },
    { label: 'Balance today', width: 120, align: 'right' },
  ];
  row(
    accounts,
    accounts.map((c) => c.label),
    true,
  );
  for (const account of summary.accounts) {
    row(accounts, [
      account.closed ? `${account.name} (closed)` : account.name,
      account.currency,
      account.balance,
    ]);
  }
  const worth = summary.netWorth;
  row(
    accounts,
    [
      `Net worth (${worth.currency})`,
      '',
      worth.amount ??
        `needs a rate for ${worth.missingRates.map((r) => `${r.base}/${r.quote}`).join(', ')}`,
    ],
    true,
  );

  heading(`By category${scope}`);
  const categories: Column[] = [
    { label: 'Category', width: 220 },
    { label: 'Kind', width: 80 },
    { label: 'Transactions', width: 90, align: 'right' },
    { label: 'Total', width: 110, align: 'right' },
  ];
  row(
    categories,
    categories.map((c) => c.label),
    true,
  );
  for (const category of summary.byCategory) {
    row(categories, [category.name, category.kind, String(category.count), category.total]);
  }
  if (summary.byCategory.length === 0) row(categories, ['No transactions in this period.']);

  heading('Transactions');
  // The same 500pt either way: the currency column's room comes from the others' slack.
  const transactions: Column[] = mixed
    ? [
        { label: 'Date', width: 54 },
        { label: 'Title', width: 120 },
        { label: 'Category', width: 76 },
        { label: 'Account', width: 60 },
        { label: 'Currency', width: 46 },
        { label: 'Amount', width: 72, align: 'right' },
        { label: 'Balance', width: 72, align: 'right' },
      ]
    : [
        { label: 'Date', width: 62 },
        { label: 'Title', width: 150 },
        { label: 'Category', width: 78 },
        { label: 'Account', width: 60 },
        { label: 'Amount', width: 75, align: 'right' },
        { label: 'Balance', width: 75, align: 'right' },
      ];
  row(
    transactions,
    transactions.map((c) => c.label),
    true,
  );
  void (async () => {
    let count = 0;
    for await (const transaction of input.rows) {
      if (count > 0 && count % ROWS_PER_SLICE === 0) await yieldToEventLoop();
      if (count === REPORT_ROW_LIMIT) {
        row(transactions, [
          '',
          `Only the first ${REPORT_ROW_LIMIT} are listed; the CSV export has all.`,
        ]);
        break;
      }
      const account = input.account(transaction.accountId);
      // A future-dated row is not money yet: it says so, like the totals above.
      row(transactions, [
        transaction.date,
        transaction.date > summary.asOf ? `Upcoming · ${transaction.title}` : transaction.title,
        transaction.type === 'transfer'
          ? 'Transfer'
          : transaction.type === 'opening'
            ? 'Opening balance'
            : input.categoryName(transaction.categoryId),
        account.name,
        ...(mixed ? [account.currency] : []),
        formatMinor(transaction.delta, account.decimals),
        formatMinor(transaction.balanceAfter, account.decimals),
      ]);
      count += 1;
    }
    if (count === 0) row(transactions, ['', 'No transactions in this period.']);
    doc.end();
  })().catch((error: unknown) => doc.destroy(error instanceof Error ? error : undefined));
  return doc;
}
