import { Suspense, useEffect } from 'react';
import { Redirect, Route, Switch, useLocation } from 'wouter';
import { useSearch } from 'wouter/use-browser-location';
import type { User } from '@moneta/schema';
import { useMe } from '@/features/auth/api/get-me';
import { ErrorBoundary, retryableLazy } from '@/components/ui/error-boundary';
import { ErrorMessage } from '@/components/ui/error-message';
import { errorMessage } from '@/lib/api-client';
import { setUserTimeZone } from '@/lib/dates';
import { matchUserPath, paths, safeNextPath, userPath } from './paths';
import { LoginRoute } from './routes/auth';
import { NotFoundRoute } from './routes/not-found';
import { PageSkeleton } from './routes/shared';

/*
 * The initial chunk holds only what the login page needs. Everything behind a session (dashboard,
 * tokens, import, settings) and registration load as their own chunks, with the zod contracts.
 */
const loadSignedIn = () => import('./routes/signed-in');
const SignedInRoutes = retryableLazy<{ user: User }>(() =>
  loadSignedIn().then((m) => m.SignedInRoutes),
);

/** The signed-in pages' code, fetched before the session check answers. */
export const preloadSignedIn = () => SignedInRoutes.preload();
const RegisterRoute = retryableLazy<object>(() =>
  import('./routes/register').then((m) => m.RegisterRoute),
);

export function AppRoutes() {
  const [pathname] = useLocation();
  const search = useSearch();
  const me = useMe();

  // While someone types their password, fetch the dashboard they are about to see.
  useEffect(() => {
    const timer = setTimeout(() => void preloadSignedIn().catch(() => undefined), 300);
    return () => {
      clearTimeout(timer);
    };
  }, []);

  if (me.isPending) return <PageSkeleton />;
  if (me.isError) {
    return (
      <main className="auth-page">
        <ErrorMessage
          title="Moneta could not start."
          message={errorMessage(me.error)}
          onRetry={() => void me.refetch()}
        />
      </main>
    );
  }

  const user = me.data;
  // Every "today" of the web (default dates, periods, upcoming rows) is the user's, like the API's.
  setUserTimeZone(user?.timeZone);
  const home = user ? userPath(user.username) : paths.login;
  // The raw query string: wouter's own useSearch() unescapes it, which would turn `%26` into `&`.
  const next = safeNextPath(new URLSearchParams(search).get('next'));

  return (
    <Switch>
      <Route path={paths.root}>
        <Redirect to={home} replace />
      </Route>
      <Route path={paths.login}>
        {user ? <Redirect to={next ?? home} replace /> : <LoginRoute />}
      </Route>
      <Route path={paths.register}>
        {user ? (
          <Redirect to={next ?? home} replace />
        ) : (
          <ErrorBoundary what="This page">
            <Suspense fallback={<PageSkeleton />}>
              <RegisterRoute />
            </Suspense>
          </ErrorBoundary>
        )}
      </Route>
      <Route>
        {user ? (
          <ErrorBoundary what="This page">
            <Suspense fallback={<PageSkeleton />}>
              <SignedInRoutes user={user} />
            </Suspense>
          </ErrorBoundary>
        ) : matchUserPath(pathname) ? (
          // Someone's page, before logging in: log in first, then come back here.
          <Redirect
            to={`${paths.login}?${new URLSearchParams({ next: pathname + search }).toString()}`}
            replace
          />
        ) : (
          <NotFoundRoute home={home} signedIn={false} />
        )}
      </Route>
    </Switch>
  );
}
