import type { CSSProperties } from 'react';
import type { Summary } from '@moneta/schema';
import { ErrorMessage } from '@/components/ui/error-message';
import { Skeleton } from '@/components/ui/skeleton';
import { errorMessage } from '@/lib/api-client';
import { formatMoney } from '@/lib/money';

interface TotalsProps {
  summary: Summary | undefined;
  error: unknown;
  currency: string;
  periodLabel: string;
  onRetry: () => void;
}

function Amount({
  testId,
  amount,
  currency,
  signed = false,
}: {
  testId: string;
  amount: string | undefined;
  currency: string;
  signed?: boolean;
}) {
  if (amount === undefined) return <Skeleton className="skeleton-amount" />;
  const sign = amount.startsWith('-') ? 'negative' : /^[0.]+$/.test(amount) ? 'zero' : 'positive';
  const text = formatMoney(amount, currency, { signed });
  return (
    <span
      className={`amount amount-${sign}`}
      data-testid={testId}
      data-amount={amount}
      // Its length sizes it (styles.css): "$9,999,999,999,999.99" still fits a phone's card.
      style={{ '--chars': text.length } as CSSProperties}
    >
      {text}
    </span>
  );
}

/**
 * The accounts a summary of all accounts leaves out: amounts in other currencies than the
 * reporting one do not add up with it (closed ones that hold nothing are left unsaid).
 */
export function uncountedAccounts(summary: Summary): Summary['accounts'] {
  if (summary.accountId !== null) return [];
  return summary.accounts.filter(
    (account) =>
      account.currency !== summary.currency &&
      !(account.closed && /^-?[0.]+$/.test(account.balance)),
  );
}

/**
 * The balance as of today (future-dated rows are upcoming, with the balance after them), and
 * income, expense and net for the chosen period.
 */
export function Totals({ summary, error, currency, periodLabel, onRetry }: TotalsProps) {
  if (error && !summary) {
    return (
      <ErrorMessage
        title="Your totals could not be loaded."
        message={errorMessage(error)}
        onRetry={onRetry}
      />
    );
  }
  const uncounted = summary ? uncountedAccounts(summary) : [];
  return (
    <>
      <dl className="totals" aria-busy={!summary}>
        <div className="total total-balance">
          <dt>Balance today</dt>
          <dd>
            <Amount testId="balance" amount={summary?.balance} currency={currency} />
            {summary && summary.upcoming.count > 0 && (
              <span className="total-upcoming" data-testid="upcoming">
                After {summary.upcoming.count} upcoming:{' '}
                <Amount
                  testId="upcoming-balance"
                  amount={summary.upcoming.balance}
                  currency={currency}
                />
              </span>
            )}
          </dd>
        </div>
        <div className="total">
          <dt>Income · {periodLabel}</dt>
          <dd>
            <Amount testId="total-income" amount={summary?.income} currency={currency} />
          </dd>
        </div>
        <div className="total">
          <dt>Expense · {periodLabel}</dt>
          <dd>
            <Amount testId="total-expense" amount={summary?.expense} currency={currency} />
          </dd>
        </div>
        <div className="total">
          <dt>Net · {periodLabel}</dt>
          <dd>
            <Amount testId="total-net" amount={summary?.net} currency={currency} signed />
          </dd>
        </div>
      </dl>
      {summary && uncounted.length > 0 && (
        <p className="totals-note" data-testid="totals-note">
          Totals of your {summary.currency} accounts. Not counted:{' '}
          {uncounted.map((account, index) => (
            <span key={account.id}>
              {index > 0 && ', '}
              {account.name}{' '}
              <span className="amount">{formatMoney(account.balance, account.currency)}</span>
            </span>
          ))}
          .
        </p>
      )}
    </>
  );
}
