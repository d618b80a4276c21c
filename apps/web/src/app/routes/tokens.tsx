import type { User } from '@moneta/schema';
import { TokensManager } from '@/features/tokens/components/tokens-manager';
import { PageShell } from './page-shell';

export function TokensRoute({ user }: { user: User }) {
  return (
    <PageShell user={user} title="API tokens">
      <p className="page-intro muted">
        A personal access token lets a script use Moneta as you, with{' '}
        <code>Authorization: Bearer &lt;token&gt;</code>. Revoke any token you no longer use.
      </p>
      <TokensManager />
    </PageShell>
  );
}
