import { lazy, Suspense, useEffect, useLayoutEffect } from 'react';
import { Username } from '@moneta/schema';
import { useMe } from '@/features/auth/api/get-me';
import { ErrorMessage } from '@/components/ui/error-message';
import { Skeleton } from '@/components/ui/skeleton';
import { errorMessage } from '@/lib/api-client';
import { navigate, safeNextPath, useLocation } from './router';
import { LoginRoute, RegisterRoute } from './routes/auth';
import { NotFoundRoute } from './routes/not-found';

// The dashboard is its own chunk: the login page loads only what logging in needs.
const loadDashboard = () => import('./routes/dashboard');
const DashboardRoute = lazy(() => loadDashboard().then((m) => ({ default: m.DashboardRoute })));

function PageSkeleton() {
  return (
    <div className="page-loading">
      <Skeleton label="Loading Moneta" className="skeleton-page" />
    </div>
  );
}

function Redirect({ to }: { to: string }) {
  useLayoutEffect(() => {
    navigate(to, { replace: true });
  }, [to]);
  return null;
}

/** The first path segment names a user's dashboard when it could be a username. */
function dashboardUsername(pathname: string): string | null {
  const match = /^\/([^/]+)\/?$/.exec(pathname);
  if (!match?.[1]) return null;
  let segment: string;
  try {
    segment = decodeURIComponent(match[1]);
  } catch {
    return null;
  }
  const parsed = Username.safeParse(segment);
  return parsed.success ? parsed.data : null;
}

export function AppRoutes() {
  const location = useLocation();
  const me = useMe();

  // While someone types their password, fetch the dashboard they are about to see.
  useEffect(() => {
    const timer = setTimeout(() => void loadDashboard(), 300);
    return () => {
      clearTimeout(timer);
    };
  }, []);

  if (me.isPending) return <PageSkeleton />;
  if (me.isError) {
    return (
      <main className="auth-page">
        <ErrorMessage title="Moneta could not start." message={errorMessage(me.error)} onRetry={() => void me.refetch()} />
      </main>
    );
  }

  const user = me.data;
  const { pathname } = location;
  const params = new URLSearchParams(location.search);
  const home = user ? `/${user.username}` : '/login';

  if (pathname === '/') return <Redirect to={home} />;
  if (pathname === '/login' || pathname === '/register') {
    if (user) return <Redirect to={safeNextPath(params.get('next')) ?? home} />;
    return pathname === '/login' ? <LoginRoute /> : <RegisterRoute />;
  }

  const username = dashboardUsername(pathname);
  if (username !== null) {
    if (!user) return <Redirect to={`/login?${new URLSearchParams({ next: location.href }).toString()}`} />;
    // Another user's address never shows their data: it leads to one's own dashboard.
    if (username !== user.username || pathname !== `/${user.username}`) {
      return <Redirect to={username === user.username ? `/${user.username}${location.search}` : home} />;
    }
    return (
      <Suspense fallback={<PageSkeleton />}>
        <DashboardRoute user={user} />
      </Suspense>
    );
  }
  return <NotFoundRoute home={home} signedIn={user !== null} />;
}
