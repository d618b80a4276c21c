import { describe, expect, it } from 'vitest';
import { FakeApi } from '@/test/fake-api';
import { totalsByCurrency } from './totals';

describe('totalsByCurrency', () => {
  it('sums each currency apart, the reporting currency first, closed accounts included', () => {
    const api = new FakeApi();
    api.openAccount({ name: 'Savings', openingBalance: '1000.00' });
    api.openAccount({ name: 'Card', kind: 'credit_card', openingBalance: '-310.25' });
    api.openAccount({ name: 'Cash', currency: 'JPY', openingBalance: '5000' });
    api.openAccount({ name: 'Old euros', currency: 'EUR', openingBalance: '12.00', closed: true });
    api.openAccount({ name: 'Older euros', currency: 'CHF', closed: true });
    api.add({ amount: '40.00', title: 'Shoes' });
    expect(totalsByCurrency(api.accountList(), 'USD')).toEqual([
      { currency: 'USD', balance: '649.75' },
      { currency: 'EUR', balance: '12.00' },
      { currency: 'JPY', balance: '5000' },
    ]);
  });

  it('lists only the currencies one holds', () => {
    const api = new FakeApi();
    api.accounts = [];
    api.openAccount({ name: 'Cash', currency: 'JPY' });
    api.openAccount({ name: 'Old', currency: 'USD', closed: true });
    expect(totalsByCurrency(api.accountList(), 'USD')).toEqual([{ currency: 'JPY', balance: '0' }]);
  });
});
