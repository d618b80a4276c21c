import { lazy, Suspense } from 'react';
import { Username, type User } from '@moneta/schema';
import type { Location } from '../router';
import { DashboardRoute } from './dashboard';
import { NotFoundRoute } from './not-found';
import { PageSkeleton, Redirect } from './shared';

const TokensRoute = lazy(() => import('./tokens').then((m) => ({ default: m.TokensRoute })));
const ImportRoute = lazy(() => import('./import').then((m) => ({ default: m.ImportRoute })));
const SettingsRoute = lazy(() => import('./settings').then((m) => ({ default: m.SettingsRoute })));

/** The pages under a user's address; their names are second segments, so no username clashes. */
const PAGES = ['tokens', 'import', 'settings'] as const;
type Page = (typeof PAGES)[number] | 'dashboard';

/** `/<username>` or `/<username>/<page>`, when the first segment could be a username. */
function matchUserPath(pathname: string): { username: string; page: Page } | null {
  const match = /^\/([^/]+)(?:\/([^/]+))?\/?$/.exec(pathname);
  if (!match?.[1]) return null;
  const page = match[2] === undefined ? 'dashboard' : PAGES.find((name) => name === match[2]);
  if (!page) return null;
  let segment: string;
  try {
    segment = decodeURIComponent(match[1]);
  } catch {
    return null;
  }
  const parsed = Username.safeParse(segment);
  return parsed.success ? { username: parsed.data, page } : null;
}

export function SignedInRoutes({ user, location }: { user: User; location: Location }) {
  const home = `/${user.username}`;
  const match = matchUserPath(location.pathname);
  if (!match) return <NotFoundRoute home={home} signedIn />;
  // Another user's address never shows their data: it leads to one's own dashboard.
  if (match.username !== user.username) return <Redirect to={home} />;
  const canonical = match.page === 'dashboard' ? home : `${home}/${match.page}`;
  if (location.pathname !== canonical) return <Redirect to={`${canonical}${location.search}`} />;
  switch (match.page) {
    case 'dashboard':
      return <DashboardRoute user={user} />;
    case 'tokens':
      return (
        <Suspense fallback={<PageSkeleton />}>
          <TokensRoute user={user} />
        </Suspense>
      );
    case 'import':
      return (
        <Suspense fallback={<PageSkeleton />}>
          <ImportRoute user={user} />
        </Suspense>
      );
    case 'settings':
      return (
        <Suspense fallback={<PageSkeleton />}>
          <SettingsRoute user={user} />
        </Suspense>
      );
  }
}
