import { useState } from 'react';
import { RateValue, type NetWorth as NetWorthData } from '@moneta/schema';
import { Field } from '@/components/ui/field';
import { FormError } from '@/components/ui/form-error';
import { formatDate } from '@/lib/dates';
import { useForm } from '@/lib/form';
import { formatMoney } from '@/lib/money';
import { usePutRate } from '../api/put-rate';

/** One missing rate, asked for in place: "1 EUR = [1.0842] USD". */
function RateForm({
  base,
  quote,
  asOf,
  initial = '',
  onSaved,
}: {
  base: string;
  quote: string;
  asOf: string;
  initial?: string;
  onSaved?: () => void;
}) {
  const put = usePutRate();
  const form = useForm({
    initialValues: { rate: initial },
    validate: ({ rate }) => {
      const parsed = RateValue.safeParse(rate.trim().replace(',', '.'));
      return parsed.success
        ? { ok: true, value: parsed.data }
        : { ok: false, errors: { rate: parsed.error.issues[0]?.message ?? 'is not valid' } };
    },
    submit: (rate) => put.mutateAsync({ base, quote, date: asOf, rate }),
    ...(onSaved ? { onSuccess: onSaved } : {}),
  });
  return (
    <form className="rate-form" {...form.formProps} aria-label={`Rate of ${base} in ${quote}`}>
      {form.formError && <FormError>{form.formError}</FormError>}
      <Field
        label={`1 ${base} in ${quote}`}
        error={form.errors.rate}
        hint={`From ${formatDate(asOf)} on, until you set a later one.`}
      >
        {(control) => (
          <input {...control} {...form.field('rate')} inputMode="decimal" autoComplete="off" />
        )}
      </Field>
      <button type="submit" className="button button-small" disabled={form.pending}>
        Save rate
      </button>
    </form>
  );
}

/** The API says "1/1.10" for a rate set the other way round: shown as the user set it. */
function rateText(rate: string, currency: string, reporting: string): string {
  return rate.startsWith('1/')
    ? `1 ${reporting} = ${rate.slice(2)} ${currency}`
    : `1 ${currency} = ${rate} ${reporting}`;
}

/**
 * Everything the user holds in the reporting currency today: each currency's balance converted
 * by the latest rate the user set. A currency without a rate is named, with a field to set it.
 */
export function NetWorth({ netWorth }: { netWorth: NetWorthData | undefined }) {
  const [changing, setChanging] = useState<string | null>(null);
  if (!netWorth) return null;
  const foreign = netWorth.byCurrency.filter((row) => row.currency !== netWorth.currency);
  return (
    <section className="net-worth" aria-labelledby="net-worth-heading" data-testid="net-worth">
      <h3 id="net-worth-heading" className="net-worth-title">
        Net worth
      </h3>
      <p className="net-worth-amount">
        {netWorth.amount === null ? (
          <span className="muted">
            Needs a rate for {netWorth.missingRates.map((r) => r.base).join(', ')}
          </span>
        ) : (
          <span
            data-testid="net-worth-amount"
            data-amount={netWorth.amount}
            data-currency={netWorth.currency}
          >
            {formatMoney(netWorth.amount, netWorth.currency)}
          </span>
        )}
      </p>
      {foreign.length > 0 && (
        <ul className="net-worth-rows">
          {foreign.map((row) => (
            <li key={row.currency}>
              {formatMoney(row.balance, row.currency)}
              {row.converted !== null && row.rate !== null && (
                <>
                  {' '}
                  = {formatMoney(row.converted, netWorth.currency)}{' '}
                  <span className="muted">
                    at {rateText(row.rate, row.currency, netWorth.currency)}
                    {row.rateDate ? ` (${formatDate(row.rateDate)})` : ''}
                  </span>{' '}
                  <button
                    type="button"
                    className="button button-ghost button-small"
                    aria-expanded={changing === row.currency}
                    onClick={() => {
                      setChanging(row.currency);
                    }}
                  >
                    Change<span className="sr-only"> the {row.currency} rate</span>
                  </button>
                  {changing === row.currency && (
                    // Set the way it was set: "1/1.10" was entered as 1 USD = 1.10 EUR.
                    <RateForm
                      {...(row.rate.startsWith('1/')
                        ? {
                            base: netWorth.currency,
                            quote: row.currency,
                            initial: row.rate.slice(2),
                          }
                        : { base: row.currency, quote: netWorth.currency, initial: row.rate })}
                      asOf={netWorth.asOf}
                      onSaved={() => {
                        setChanging(null);
                      }}
                    />
                  )}
                </>
              )}
            </li>
          ))}
        </ul>
      )}
      {netWorth.missingRates.map((missing) => (
        <RateForm
          key={`${missing.base}-${missing.quote}`}
          base={missing.base}
          quote={missing.quote}
          asOf={netWorth.asOf}
        />
      ))}
    </section>
  );
}
