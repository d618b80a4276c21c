import { describe, expect, it } from 'vitest';
import type { Account, Transfer } from '@moneta/schema';
import {
  rateOf,
  transferChanges,
  validateTransfer,
  type TransferFormValues,
} from './transfer-dialog';

const account = (id: number, currency: string): Account => ({
  id,
  name: `Account ${id}`,
  kind: 'checking',
  currency,
  onBudget: true,
  isDefault: id === 1,
  openingBalance: '0',
  openingDate: '2026-01-01',
  closed: false,
  closedAt: null,
  balance: '0',
  balanceWithUpcoming: '0',
  transactionCount: 0,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
});

const accounts = [account(1, 'USD'), account(2, 'USD'), account(3, 'JPY')];

const values = (overrides: Partial<TransferFormValues> = {}): TransferFormValues => ({
  fromAccountId: '1',
  toAccountId: '2',
  amount: '250',
  toAmount: '',
  date: '2026-03-10',
  title: '',
  description: '',
  ...overrides,
});

describe('validateTransfer', () => {
  it('sends the amount in the from account’s digits, and no title or toAmount unless needed', () => {
    expect(validateTransfer(values(), accounts)).toEqual({
      ok: true,
      value: {
        fromAccountId: 1,
        toAccountId: 2,
        amount: '250.00',
        toAmount: undefined,
        date: '2026-03-10',
        title: undefined,
        description: null,
      },
    });
  });

  it('refuses the same account on both sides', () => {
    const checked = validateTransfer(values({ toAccountId: '1' }), accounts);
    expect(checked.ok ? null : checked.errors.toAccountId).toMatch(/another account/);
  });

  it('asks what arrived when the currencies differ, in the to account’s digits', () => {
    const missing = validateTransfer(values({ toAccountId: '3' }), accounts);
    expect(missing.ok ? null : missing.errors.toAmount).toBe('is required');
    const yenWithCents = validateTransfer(
      values({ toAccountId: '3', toAmount: '36000.5' }),
      accounts,
    );
    expect(yenWithCents.ok ? null : yenWithCents.errors.toAmount).toMatch(/whole number/);
    const fine = validateTransfer(values({ toAccountId: '3', toAmount: '36 000' }), accounts);
    expect(fine.ok ? fine.value.toAmount : null).toBe('36000');
  });

  it('refuses more decimals than the from currency has, never rounding', () => {
    const checked = validateTransfer(values({ amount: '1.005' }), accounts);
    expect(checked.ok ? null : checked.errors.amount).toMatch(/at most 2 decimal places/);
  });
});

describe('rateOf', () => {
  it('is what arrived per unit that left, exact and truncated', () => {
    expect(rateOf('250.00', 'USD', '36000', 'JPY')).toBe('144');
    expect(rateOf('110', 'USD', '100', 'EUR')).toBe('0.90909');
    expect(rateOf('', 'USD', '100', 'EUR')).toBeNull();
  });
});

describe('transferChanges', () => {
  const existing: Transfer = {
    id: 9,
    date: '2026-03-10',
    description: null,
    from: {
      accountId: 1,
      currency: 'USD',
      amount: '250.00',
      transactionId: 20,
      title: 'Transfer to Account 3',
      reconciled: false,
    },
    to: {
      accountId: 3,
      currency: 'JPY',
      amount: '36000',
      transactionId: 21,
      title: 'Transfer from Account 1',
      reconciled: false,
    },
    rate: '144',
    createdAt: '2026-03-10T10:00:00.000Z',
    updatedAt: '2026-03-10T10:00:00.000Z',
  };
  const valid = (overrides: Partial<TransferFormValues>) => {
    const checked = validateTransfer(
      values({ toAccountId: '3', amount: '250.00', toAmount: '36000', ...overrides }),
      accounts,
    );
    if (!checked.ok) throw new Error('not valid');
    return checked.value;
  };

  it('sends nothing for no change, and the generated titles are not the user’s', () => {
    expect(transferChanges(existing, valid({}))).toEqual({});
  });

  it('sends the other side’s amount with a changed amount across currencies', () => {
    expect(transferChanges(existing, valid({ amount: '300', toAmount: '43200' }))).toEqual({
      amount: '300.00',
      toAmount: '43200',
    });
  });

  it('sends both amounts when an account changes', () => {
    expect(transferChanges(existing, valid({ fromAccountId: '2' }))).toEqual({
      fromAccountId: 2,
      amount: '250.00',
      toAmount: '36000',
    });
  });
});
