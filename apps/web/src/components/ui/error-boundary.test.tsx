import { Suspense } from 'react';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { ErrorBoundary, retryableLazy } from './error-boundary';

describe('a chunk that cannot be loaded', () => {
  it('shows a message in its place, and Try again loads it afresh', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    let reachable = false;
    const load = vi.fn(() =>
      reachable
        ? Promise.resolve(({ name }: { name: string }) => `Hello ${name}`)
        : Promise.reject(new TypeError('Failed to fetch dynamically imported module')),
    );
    const Greeting = retryableLazy(load);
    render(
      <main>
        <p>The rest of the page</p>
        <ErrorBoundary what="The charts">
          <Suspense fallback="Loading">
            <Greeting name="Alice" />
          </Suspense>
        </ErrorBoundary>
      </main>,
    );
    expect(await screen.findByText('The charts could not be shown.')).toBeTruthy();
    expect(screen.getByText('The rest of the page')).toBeTruthy();

    reachable = true;
    await userEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByText('Hello Alice')).toBeTruthy();
    expect(load).toHaveBeenLastCalledWith();
  });
});
