import { lazy, Suspense, useEffect } from 'react';
import { useMe } from '@/features/auth/api/get-me';
import { ErrorMessage } from '@/components/ui/error-message';
import { errorMessage } from '@/lib/api-client';
import { setUserTimeZone } from '@/lib/dates';
import { safeNextPath, useLocation } from './router';
import { LoginRoute } from './routes/auth';
import { NotFoundRoute } from './routes/not-found';
import { PageSkeleton, Redirect } from './routes/shared';

/*
 * The initial chunk holds only what the login page needs. Everything behind a session (dashboard,
 * tokens, import) and registration load as their own chunks, with the zod contracts.
 */
const loadSignedIn = () => import('./routes/signed-in');
const SignedInRoutes = lazy(() => loadSignedIn().then((m) => ({ default: m.SignedInRoutes })));
const RegisterRoute = lazy(() =>
  import('./routes/register').then((m) => ({ default: m.RegisterRoute })),
);

/**
 * Whether a visitor without a session is at an address that could be theirs (`/<name>` or a page
 * under it). The exact username rules run after login, in the signed-in chunk.
 */
function couldBeUserPath(pathname: string): boolean {
  return /^\/[A-Za-z0-9_-]{3,32}(?:\/(?:tokens|import|settings))?\/?$/.test(pathname);
}

export function AppRoutes() {
  const location = useLocation();
  const me = useMe();

  // While someone types their password, fetch the dashboard they are about to see.
  useEffect(() => {
    const timer = setTimeout(() => void loadSignedIn(), 300);
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
  const { pathname } = location;
  const params = new URLSearchParams(location.search);
  const home = user ? `/${user.username}` : '/login';

  if (pathname === '/') return <Redirect to={home} />;
  if (pathname === '/login' || pathname === '/register') {
    if (user) return <Redirect to={safeNextPath(params.get('next')) ?? home} />;
    if (pathname === '/login') return <LoginRoute />;
    return (
      <Suspense fallback={<PageSkeleton />}>
        <RegisterRoute />
      </Suspense>
    );
  }

  if (!user) {
    if (couldBeUserPath(pathname)) {
      return <Redirect to={`/login?${new URLSearchParams({ next: location.href }).toString()}`} />;
    }
    return <NotFoundRoute home={home} signedIn={false} />;
  }
  return (
    <Suspense fallback={<PageSkeleton />}>
      <SignedInRoutes user={user} location={location} />
    </Suspense>
  );
}
