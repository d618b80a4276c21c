import { useSearch } from 'wouter/use-browser-location';
import type { User } from '@moneta/schema';
import { useAccounts } from '@/features/accounts/api/get-accounts';
import { ImportFlow } from '@/features/imports/components/import-flow';
import { ErrorMessage } from '@/components/ui/error-message';
import { Skeleton } from '@/components/ui/skeleton';
import { errorMessage } from '@/lib/api-client';
import { PageShell } from './page-shell';

export function ImportRoute({ user }: { user: User }) {
  const accounts = useAccounts();
  // Import from an account's dashboard (?account=<id>): into that account.
  const fromAddress = Number(new URLSearchParams(useSearch()).get('account'));
  const open = (accounts.data ?? []).filter((account) => !account.closed);
  return (
    <PageShell user={user} title="Import transactions">
      <p className="page-intro muted">
        Bring in your bank’s CSV: map its columns once, see every row classified as new, duplicate
        or error, then import the new ones. An import can be undone as a whole.
      </p>
      {accounts.data ? (
        <ImportFlow
          accounts={open}
          initialAccountId={
            Number.isSafeInteger(fromAddress) && fromAddress > 0 ? fromAddress : undefined
          }
        />
      ) : accounts.error ? (
        <ErrorMessage
          title="Your accounts could not be loaded."
          message={errorMessage(accounts.error)}
          onRetry={() => void accounts.refetch()}
        />
      ) : (
        <Skeleton label="Loading your accounts" className="skeleton-row" />
      )}
    </PageShell>
  );
}
