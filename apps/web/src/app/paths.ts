import { parse } from 'regexparam';

/**
 * Every address of the web app, in one place: the route tables of the first screen and of the
 * signed-in chunk, the "log in first" redirect and every link read their patterns from here.
 */
export const paths = {
  root: '/',
  login: '/login',
  register: '/register',
  dashboard: '/:username',
  tokens: '/:username/tokens',
  import: '/:username/import',
  settings: '/:username/settings',
} as const;

/** The pages under a user's address; their names are second segments, so no username clashes. */
export type UserPage = 'dashboard' | 'tokens' | 'import' | 'settings';

export const USER_PAGES: readonly UserPage[] = ['dashboard', 'tokens', 'import', 'settings'];

/** The address of one of a user's pages, e.g. `/alice/tokens`. */
export function userPath(username: string, page: UserPage = 'dashboard'): string {
  return paths[page].replace(':username', encodeURIComponent(username));
}

const userPatterns = USER_PAGES.map((page) => ({ page, ...parse(paths[page]) }));

/**
 * Which user page an address names, and whose (the raw first segment, not yet checked against the
 * username rules): what a visitor without a session is sent to log in for.
 */
export function matchUserPath(pathname: string): { username: string; page: UserPage } | null {
  for (const { page, pattern } of userPatterns) {
    const match = pattern.exec(pathname);
    if (!match?.[1]) continue;
    try {
      return { username: decodeURIComponent(match[1]), page };
    } catch {
      return null;
    }
  }
  return null;
}

/** Only same-origin paths are followed after login: `next=//evil.example` is ignored. */
export function safeNextPath(next: string | null): string | null {
  if (!next?.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return null;
  return next;
}
