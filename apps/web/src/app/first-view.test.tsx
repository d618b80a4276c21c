import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { render, screen } from '@testing-library/react';
import { createQueryClient } from '@/lib/query-client';
import { apiRequest, fetchEarly } from '@/lib/api-client';
import { FakeApi } from '@/test/fake-api';
import { firstViewRequests } from './first-view';
import { AppProvider } from './provider';
import { AppRoutes } from './routes';
// Loaded up front: the route is lazy, and a cold transform would outlast findBy's timeout.
import './routes/signed-in';

vi.mock('@/components/charts/charts', () => ({
  CategoriesChart: () => null,
  MonthsChart: () => null,
  BalanceChart: () => null,
}));

let api: FakeApi;

beforeEach(() => {
  api = new FakeApi().install();
});

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

/** Every GET the app made, as the URL it fetched. */
function fetchedUrls(): string[] {
  return api.callsTo('GET').map((call) => {
    const query = call.query.toString();
    return `/api/v1${call.path}${query ? `?${query}` : ''}`;
  });
}

describe('the first screen of a dashboard address', () => {
  it.each(['/alice', '/alice?month=2025-12', '/alice?account=1', '/alice?account=1&month=2025-12'])(
    'asks early for exactly what the dashboard at %s then asks for',
    async (address) => {
      const [pathname = '', search = ''] = address.split('?');
      const early = firstViewRequests(pathname, search);
      expect(early.length).toBeGreaterThanOrEqual(4);
      window.history.replaceState(null, '', address);
      render(
        <AppProvider queryClient={createQueryClient()}>
          <AppRoutes />
        </AppProvider>,
      );
      await screen.findByRole('heading', { name: 'Dashboard of alice' });
      await screen.findByTestId('previous-totals');
      // An early answer nobody claims is a request wasted; one the dashboard asks differently
      // for is a round trip not saved.
      const fetched = fetchedUrls();
      for (const url of early) expect(fetched).toContain(url);
    },
  );

  it('asks nothing early for other pages and for addresses with filters', () => {
    expect(firstViewRequests('/login', '')).toEqual([]);
    expect(firstViewRequests('/register', '')).toEqual([]);
    expect(firstViewRequests('/alice/settings', '')).toEqual([]);
    expect(firstViewRequests('/alice', '?q=rent')).toEqual([]);
    expect(firstViewRequests('/alice', '?year=2026')).toEqual([]);
    expect(firstViewRequests('/alice', '?account=0')).toEqual([]);
    expect(firstViewRequests('/alice', '?month=2026-13')).toEqual([]);
  });
});

describe('early answers', () => {
  it('are taken once by the first request for the same URL, then fetched afresh', async () => {
    fetchEarly(['/api/v1/categories']);
    expect(api.callsTo('GET', '/categories')).toHaveLength(1);
    await apiRequest('/categories', { expectBody: true });
    expect(api.callsTo('GET', '/categories')).toHaveLength(1);
    await apiRequest('/categories', { expectBody: true });
    expect(api.callsTo('GET', '/categories')).toHaveLength(2);
  });

  it('are dropped when nobody claims them in time, so a later request sees fresh data', async () => {
    vi.useFakeTimers();
    fetchEarly(['/api/v1/accounts']);
    vi.advanceTimersByTime(10_001);
    vi.useRealTimers();
    await apiRequest('/accounts', { expectBody: true });
    expect(api.callsTo('GET', '/accounts')).toHaveLength(2);
  });
});
