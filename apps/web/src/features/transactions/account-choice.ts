import type { Account } from '@moneta/schema';

/**
 * The account a new entry goes into unless one is picked: the account being viewed, else the
 * last one used, else the default account (else the first open one). Only open accounts take
 * entries; undefined while there is none (the API then answers for its default).
 */
export function defaultAccountId(
  accounts: readonly Pick<Account, 'id' | 'closed' | 'isDefault'>[],
  { viewing, lastUsed }: { viewing?: number | undefined; lastUsed?: number | null | undefined },
): number | undefined {
  const open = accounts.filter((account) => !account.closed);
  const isOpen = (id: number | null | undefined): id is number =>
    id !== undefined && id !== null && open.some((account) => account.id === id);
  if (isOpen(viewing)) return viewing;
  if (isOpen(lastUsed)) return lastUsed;
  return (open.find((account) => account.isDefault) ?? open[0])?.id;
}

const storageKey = (userId: number) => `moneta:last-account:${userId}`;

/** The account this user last added an entry to, in this browser; null when unknown. */
export function readLastAccount(userId: number): number | null {
  try {
    const stored = Number(window.localStorage.getItem(storageKey(userId)));
    return Number.isSafeInteger(stored) && stored > 0 ? stored : null;
  } catch {
    // Storage may be off (private mode, a policy): the rule falls back to the default account.
    return null;
  }
}

export function rememberLastAccount(userId: number, accountId: number): void {
  try {
    window.localStorage.setItem(storageKey(userId), String(accountId));
  } catch {
    // Not remembered: the next entry defaults to the default account.
  }
}
