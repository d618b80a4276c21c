import { formatMoney } from '@/lib/money';
import { useSummary } from '../api/get-summary';
import { periodLabel, rangeOf, type Period } from '../period';
import { today } from '@/lib/dates';

/**
 * The period before the one shown, in one line: on the 1st of a month "this month" is nearly
 * empty, and last month's income and spending is what one wants to see beside it. Of the account
 * shown (or all accounts), in the summary's own currency.
 */
export function PreviousTotals({
  period,
  accountId,
}: {
  period: Period;
  accountId: number | undefined;
}) {
  const summary = useSummary({
    ...rangeOf(period, today()),
    ...(accountId !== undefined ? { accountId } : {}),
  });
  const label = periodLabel(period);
  if (!summary.data || summary.isPlaceholderData) {
    return (
      <p className="previous-totals" aria-busy="true">
        {label}: …
      </p>
    );
  }
  const { income, expense, net, currency } = summary.data;
  return (
    <p className="previous-totals" data-testid="previous-totals">
      {label}: income <span className="amount">{formatMoney(income, currency)}</span>, expense{' '}
      <span className="amount">{formatMoney(expense, currency)}</span>, net{' '}
      <span className="amount">{formatMoney(net, currency, { signed: true })}</span>
    </p>
  );
}
