import { afterEach, describe, expect, it } from 'vitest';
import { defaultAccountId, readLastAccount, rememberLastAccount } from './account-choice';

const accounts = [
  { id: 1, closed: false, isDefault: false },
  { id: 2, closed: false, isDefault: true },
  { id: 3, closed: true, isDefault: false },
  { id: 4, closed: false, isDefault: false },
];

afterEach(() => {
  window.localStorage.clear();
});

describe('the account a new entry defaults to', () => {
  it.each<[string, { viewing?: number; lastUsed?: number | null }, number | undefined]>([
    ['the account being viewed', { viewing: 4, lastUsed: 1 }, 4],
    ['else the last one used, viewing all accounts', { lastUsed: 1 }, 1],
    ['else the last one used, viewing a closed account', { viewing: 3, lastUsed: 4 }, 4],
    ['else the default account', {}, 2],
    ['the default when the last one used is closed', { lastUsed: 3 }, 2],
    ['the default when the last one used is gone', { viewing: 99, lastUsed: 42 }, 2],
    ['the default when nothing is remembered', { lastUsed: null }, 2],
  ])('is %s', (_case, context, expected) => {
    expect(defaultAccountId(accounts, context)).toBe(expected);
  });

  it('is the first open account when the default is not in the list, none when all are closed', () => {
    expect(defaultAccountId(accounts.slice(2), {})).toBe(4);
    expect(defaultAccountId(accounts.slice(2, 3), { viewing: 3, lastUsed: 3 })).toBeUndefined();
    expect(defaultAccountId([], {})).toBeUndefined();
  });

  it('remembers the last account per user, in this browser', () => {
    expect(readLastAccount(7)).toBeNull();
    rememberLastAccount(7, 4);
    rememberLastAccount(8, 1);
    expect(readLastAccount(7)).toBe(4);
    expect(readLastAccount(8)).toBe(1);
    window.localStorage.setItem('moneta:last-account:7', 'junk');
    expect(readLastAccount(7)).toBeNull();
  });
});
