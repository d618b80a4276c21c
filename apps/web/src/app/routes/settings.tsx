import type { User } from '@moneta/schema';
import { AccountSettings } from '@/features/account/components/account-settings';
import { navigate } from 'wouter/use-browser-location';
import { paths } from '../paths';
import { PageShell } from './page-shell';

export function SettingsRoute({ user }: { user: User }) {
  return (
    <PageShell user={user} title="Settings">
      <AccountSettings
        user={user}
        onDeleted={() => {
          navigate(paths.login, { replace: true });
        }}
      />
    </PageShell>
  );
}
