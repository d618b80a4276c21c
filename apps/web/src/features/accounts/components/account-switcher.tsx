import { useId, useState, type MouseEvent, type ReactNode } from 'react';
import { ACCOUNT_KIND_LABELS, type Account } from '@moneta/schema';
import { ErrorMessage } from '@/components/ui/error-message';
import { Skeleton } from '@/components/ui/skeleton';
import { errorMessage } from '@/lib/api-client';
import { formatMoney } from '@/lib/money';
import { totalsByCurrency } from '../totals';

export interface AccountSwitcherProps {
  /** Every account, closed ones included, with today's balances as the screen shows them. */
  accounts: readonly Account[] | undefined;
  error: unknown;
  onRetry: () => void;
  /** The account shown; undefined for all accounts. */
  selectedId: number | undefined;
  /** The user's (reporting) currency: "all accounts" totals it first. */
  reportingCurrency: string;
  /** The address of the dashboard showing an account (or all of them), for the links. */
  hrefFor: (accountId: number | undefined) => string;
  /** Shows an account (or all of them), as a step Back can undo. */
  onSelect: (accountId: number | undefined) => void;
  onNewAccount?: () => void;
  onEditAccount?: (account: Account) => void;
  /** Room for what acts across accounts (a transfer, once the API has them). */
  actions?: ReactNode;
}

/** A plain click follows the link in the page; a middle click or Ctrl+click opens a new tab. */
function followsInPage(event: MouseEvent<HTMLAnchorElement>): boolean {
  return event.button === 0 && !event.metaKey && !event.ctrlKey && !event.shiftKey && !event.altKey;
}

function Balance({ amount, currency }: { amount: string; currency: string }) {
  const sign = amount.startsWith('-') ? 'negative' : 'positive';
  return (
    <span
      className={`account-balance amount-${sign}`}
      data-testid="account-balance"
      data-amount={amount}
      data-currency={currency}
    >
      {formatMoney(amount, currency)}
    </span>
  );
}

/**
 * The accounts, each with its balance in its own currency: "All accounts" first, the open ones,
 * then the closed ones under a disclosure. Each is a link to the dashboard showing it, so the
 * account is part of the address (Back and Forward, bookmarks, a new tab). Wide, it is the
 * dashboard's left column; narrow, one line that opens into the list.
 */
export function AccountSwitcher({
  accounts,
  error,
  onRetry,
  selectedId,
  reportingCurrency,
  hrefFor,
  onSelect,
  onNewAccount,
  onEditAccount,
  actions,
}: AccountSwitcherProps) {
  const listId = useId();
  const closedId = useId();
  const [open, setOpen] = useState(false);
  const selected = accounts?.find((account) => account.id === selectedId);
  const [showClosed, setShowClosed] = useState(false);
  // Showing a closed account (a link, Back): its place in the list is shown too, once.
  const [revealedFor, setRevealedFor] = useState<number | undefined>(undefined);
  if (selected?.closed && revealedFor !== selected.id) {
    setRevealedFor(selected.id);
    setShowClosed(true);
  }

  const select = (event: MouseEvent<HTMLAnchorElement>, accountId: number | undefined) => {
    if (!followsInPage(event)) return;
    event.preventDefault();
    setOpen(false);
    if (accountId !== selectedId) onSelect(accountId);
  };

  const totals = accounts ? totalsByCurrency(accounts, reportingCurrency) : [];
  const openAccounts = accounts?.filter((account) => !account.closed) ?? [];
  const closedAccounts = accounts?.filter((account) => account.closed) ?? [];

  const item = (account: Account) => (
    <li key={account.id} className="account-item" data-testid="account-item">
      <a
        className="account-link"
        href={hrefFor(account.id)}
        aria-current={account.id === selectedId ? 'page' : undefined}
        onClick={(event) => {
          select(event, account.id);
        }}
      >
        <span className="account-name">{account.name}</span>
        <span className="account-meta">
          {ACCOUNT_KIND_LABELS[account.kind]}
          {account.currency !== reportingCurrency && ` · ${account.currency}`}
          {account.isDefault && ' · default'}
          {account.closed && ' · closed'}
        </span>
        <Balance amount={account.balance} currency={account.currency} />
      </a>
      {onEditAccount && (
        <button
          type="button"
          className="button button-ghost button-row account-edit"
          aria-label={`Edit ${account.name}`}
          title="Edit account"
          onClick={() => {
            onEditAccount(account);
          }}
        >
          <DotsIcon />
        </button>
      )}
    </li>
  );

  let body: ReactNode;
  if (!accounts) {
    body = error ? (
      <ErrorMessage
        title="Your accounts could not be loaded."
        message={errorMessage(error)}
        onRetry={onRetry}
      />
    ) : (
      <Skeleton label="Loading your accounts" className="skeleton-row" />
    );
  } else {
    body = (
      <>
        <ul className="account-list">
          <li className="account-item" data-testid="account-item">
            <a
              className="account-link"
              href={hrefFor(undefined)}
              aria-current={selectedId === undefined ? 'page' : undefined}
              onClick={(event) => {
                select(event, undefined);
              }}
            >
              <span className="account-name">All accounts</span>
              <span className="account-meta">
                {openAccounts.length} open account{openAccounts.length === 1 ? '' : 's'}
              </span>
              <span className="account-totals">
                {totals.map((total) => (
                  <Balance key={total.currency} amount={total.balance} currency={total.currency} />
                ))}
              </span>
            </a>
          </li>
          {openAccounts.map(item)}
        </ul>
        {closedAccounts.length > 0 && (
          <div className="account-closed">
            <button
              type="button"
              className="button button-ghost button-small account-closed-toggle"
              aria-expanded={showClosed}
              aria-controls={closedId}
              onClick={() => {
                setShowClosed(!showClosed);
              }}
            >
              <span aria-hidden="true" className="disclosure-mark">
                {showClosed ? '▾' : '▸'}
              </span>
              Closed ({closedAccounts.length})
            </button>
            <ul id={closedId} className="account-list" hidden={!showClosed}>
              {closedAccounts.map(item)}
            </ul>
          </div>
        )}
        {(onNewAccount ?? actions) && (
          <div className="account-actions">
            {onNewAccount && (
              <button type="button" className="button button-small" onClick={onNewAccount}>
                New account
              </button>
            )}
            {actions}
          </div>
        )}
      </>
    );
  }

  const current = selectedId === undefined ? null : selected;
  return (
    <nav
      className={`account-switcher ${open ? 'is-open' : ''}`}
      aria-labelledby={`${listId}-heading`}
      data-testid="account-switcher"
    >
      <h2 id={`${listId}-heading`} className="section-title account-switcher-title">
        Accounts
      </h2>
      {/* Narrow screens: one line saying what is shown, opening into the list. */}
      <button
        type="button"
        className="button account-switcher-toggle"
        aria-expanded={open}
        aria-controls={listId}
        data-testid="account-switcher-toggle"
        onClick={() => {
          setOpen(!open);
        }}
        onKeyDown={(event) => {
          if (event.key === 'Escape' && open) setOpen(false);
        }}
      >
        <span className="sr-only">Account: </span>
        <span className="account-name">{current ? current.name : 'All accounts'}</span>
        {current ? (
          <Balance amount={current.balance} currency={current.currency} />
        ) : (
          totals[0] && <Balance amount={totals[0].balance} currency={totals[0].currency} />
        )}
        <span aria-hidden="true" className="disclosure-mark">
          {open ? '▴' : '▾'}
        </span>
      </button>
      <div
        id={listId}
        className="account-switcher-body"
        onKeyDown={(event) => {
          if (event.key === 'Escape' && open) {
            setOpen(false);
            event.currentTarget.parentElement
              ?.querySelector<HTMLElement>('.account-switcher-toggle')
              ?.focus();
          }
        }}
      >
        {body}
      </div>
    </nav>
  );
}

function DotsIcon() {
  return (
    <svg viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" focusable="false">
      <circle cx="3.5" cy="8" r="1.4" fill="currentColor" />
      <circle cx="8" cy="8" r="1.4" fill="currentColor" />
      <circle cx="12.5" cy="8" r="1.4" fill="currentColor" />
    </svg>
  );
}
