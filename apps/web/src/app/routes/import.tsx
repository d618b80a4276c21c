import type { User } from '@moneta/schema';
import { ImportFlow } from '@/features/imports/components/import-flow';
import { PageShell } from './page-shell';

export function ImportRoute({ user }: { user: User }) {
  return (
    <PageShell user={user} title="Import transactions">
      <p className="page-intro muted">
        Bring in your bank’s CSV: map its columns once, see every row classified as new, duplicate
        or error, then import the new ones. An import can be undone as a whole.
      </p>
      <ImportFlow currency={user.currency} />
    </PageShell>
  );
}
