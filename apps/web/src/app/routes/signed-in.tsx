import { Suspense, type ReactNode } from 'react';
import { ErrorBoundary, retryableLazy } from '@/components/ui/error-boundary';
import { Redirect, Route, Switch, useLocation } from 'wouter';
import { useSearch } from 'wouter/use-browser-location';
import { Username, type User } from '@moneta/schema';
import { matchUserPath, paths, userPath } from '../paths';
import { DashboardRoute } from './dashboard';
import { NotFoundRoute } from './not-found';
import { PageSkeleton } from './shared';

const TokensRoute = retryableLazy<{ user: User }>(() =>
  import('./tokens').then((m) => m.TokensRoute),
);
const ImportRoute = retryableLazy<{ user: User }>(() =>
  import('./import').then((m) => m.ImportRoute),
);
const SettingsRoute = retryableLazy<{ user: User }>(() =>
  import('./settings').then((m) => m.SettingsRoute),
);

function Lazy({ children }: { children: ReactNode }) {
  return (
    <ErrorBoundary what="This page">
      <Suspense fallback={<PageSkeleton />}>{children}</Suspense>
    </ErrorBoundary>
  );
}

/**
 * The pages under a user's address. Another user's address never shows their data: it leads to
 * one's own dashboard. A spelling of one's own (`/Alice/`, `/%61lice`) leads to the canonical one.
 */
export function SignedInRoutes({ user }: { user: User }) {
  const [pathname] = useLocation();
  const search = useSearch();
  const home = userPath(user.username);
  const match = matchUserPath(pathname);
  if (match) {
    const parsed = Username.safeParse(match.username);
    if (!parsed.success) return <NotFoundRoute home={home} signedIn />;
    if (parsed.data !== user.username) return <Redirect to={home} replace />;
    const canonical = userPath(user.username, match.page);
    if (pathname !== canonical) return <Redirect to={canonical + search} replace />;
  }
  return (
    <Switch>
      <Route path={paths.dashboard}>
        <DashboardRoute user={user} />
      </Route>
      <Route path={paths.tokens}>
        <Lazy>
          <TokensRoute user={user} />
        </Lazy>
      </Route>
      <Route path={paths.import}>
        <Lazy>
          <ImportRoute user={user} />
        </Lazy>
      </Route>
      <Route path={paths.settings}>
        <Lazy>
          <SettingsRoute user={user} />
        </Lazy>
      </Route>
      <Route>
        <NotFoundRoute home={home} signedIn />
      </Route>
    </Switch>
  );
}
