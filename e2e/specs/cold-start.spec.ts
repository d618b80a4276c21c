import { expect, test, type Request } from '@playwright/test';
import { PASSWORD, uniqueUsername } from '../fixtures/app.js';

// A signed-in person opens their dashboard with nothing cached: the session check, the signed-in
// code and the first data are asked for together, one round trip after the page's own script,
// instead of each waiting for the one before. How long the first row takes is reported, not
// asserted: it depends on the machine.

/** 3,000 transactions, four a day from 2024-01-01: December 2025 holds 124 of them. */
function history(): string {
  const lines = ['date,amount,title'];
  for (let i = 0; i < 3000; i += 1) {
    const date = new Date(Date.UTC(2024, 0, 1 + Math.floor(i / 4))).toISOString().slice(0, 10);
    lines.push(`${date},${i % 7 === 0 ? '' : '-'}${(i % 500) + 1}.25,Row ${i}`);
  }
  return lines.join('\n');
}

/** When a request started and when its answer had fully arrived, in ms since the epoch. */
function span(request: Request): { start: number; end: number } {
  const timing = request.timing();
  return { start: timing.startTime, end: timing.startTime + timing.responseEnd };
}

test('a cold dashboard asks for its code and first data in one round trip', async ({
  browser,
  baseURL,
}, testInfo) => {
  test.skip(
    testInfo.project.name !== 'desktop',
    'the request chain does not depend on the viewport',
  );
  const username = uniqueUsername('cold');
  const setup = await browser.newContext();
  const origin = { origin: baseURL ?? '' };
  const registered = await setup.request.post('/api/v1/auth/register', {
    headers: origin,
    data: { username, password: PASSWORD },
  });
  expect(registered.status()).toBe(201);
  const imported = await setup.request.post('/api/v1/imports?date=date&amount=amount&title=title', {
    headers: { ...origin, 'content-type': 'text/csv' },
    data: history(),
  });
  expect(imported.status()).toBe(201);
  const session = await setup.storageState();
  await setup.close();

  // A new context: the session cookie, and nothing in the HTTP cache.
  const context = await browser.newContext({ storageState: session });
  const page = await context.newPage();
  await page.addInitScript(() => {
    new MutationObserver((_, observer) => {
      if (document.querySelector('[data-testid=history-row]')) {
        (window as unknown as { firstRowAt: number }).firstRowAt = performance.now();
        observer.disconnect();
      }
    }).observe(document, { subtree: true, childList: true });
  });
  const requests: Request[] = [];
  page.on('requestfinished', (request) => requests.push(request));
  await page.goto(`/${username}?month=2025-12`);
  await expect(page.getByTestId('history-row').first()).toBeVisible();
  const firstRowAt = await page.evaluate(
    () => (window as unknown as { firstRowAt: number }).firstRowAt,
  );

  const find = (pattern: RegExp) => {
    const found = requests.find((request) =>
      pattern.test(new URL(request.url()).pathname + new URL(request.url()).search),
    );
    expect(found, `a request for ${pattern}`).toBeDefined();
    return span(found as Request);
  };
  const entry = find(/^\/assets\/index-[\w-]+\.js$/);
  const me = find(/^\/api\/v1\/auth\/me$/);
  const contracts = find(/^\/assets\/contracts-[\w-]+\.js$/);
  const signedIn = find(/^\/assets\/signed-in-[\w-]+\.js$/);
  const data = [
    find(/^\/api\/v1\/transactions\?from=2025-12-01&to=2025-12-31&limit=100$/),
    find(/^\/api\/v1\/summary\?from=2025-12-01&to=2025-12-31$/),
    find(/^\/api\/v1\/accounts$/),
    find(/^\/api\/v1\/categories$/),
  ];
  // Asked once the page's script had run: the second round trip, all of it at once. Chained,
  // the signed-in code would wait for the session check and the contracts it is parsed with,
  // and the data for the signed-in code.
  for (const request of [me, contracts, signedIn, ...data]) {
    expect(request.start).toBeGreaterThanOrEqual(entry.end);
  }
  expect(signedIn.start).toBeLessThan(contracts.end);
  for (const request of data) expect(request.start).toBeLessThan(signedIn.end);
  const second = [signedIn, ...data];
  const apiCalls = requests.filter((request) => request.url().includes('/api/v1/'));
  testInfo.annotations.push({
    type: 'cold dashboard',
    description: `first history row ${Math.round(firstRowAt)} ms after navigation start; ${apiCalls.length} API requests`,
  });
  console.log(
    `[cold dashboard] first history row ${Math.round(firstRowAt)} ms after navigation start, ` +
      `${apiCalls.length} API requests, the data asked ${Math.round(Math.max(...second.map((r) => r.start)) - entry.end)} ms after the script arrived`,
  );
  await context.close();
});
