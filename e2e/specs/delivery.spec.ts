import { expect, test } from '@playwright/test';

// How the built app is delivered: the API docs on a LAN host name over plain HTTP, under the
// app's strict CSP; hashed assets precompressed and cached for good.

const desktopOnly = (project: string) => {
  test.skip(project !== 'desktop', 'delivery does not depend on the viewport');
};

test('the API docs render every operation on http://<lan-name>, with no CSP violation', async ({
  playwright,
  launchOptions,
  baseURL,
  request,
}, testInfo) => {
  desktopOnly(testInfo.project.name);
  // A name that is not localhost, so Chromium treats the origin as plain, untrusted HTTP.
  const port = new URL(baseURL ?? '').port;
  const browser = await playwright.chromium.launch({
    ...launchOptions,
    args: [...(launchOptions.args ?? []), '--host-resolver-rules=MAP lan-box 127.0.0.1'],
  });
  try {
    const page = await browser.newPage();
    const violations: string[] = [];
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
    });
    await page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (event) => {
        console.error(
          `Content Security Policy violation: ${event.effectiveDirective} ${event.blockedURI}`,
        );
      });
    });
    const failed: string[] = [];
    page.on('requestfailed', (failure) => failed.push(failure.url()));

    const response = await page.goto(`http://lan-box:${port}/api/docs`);
    expect(response?.status()).toBe(200);
    expect(response?.headers()['content-security-policy']).not.toMatch(/upgrade-insecure/);

    const spec = (await (await request.get('/api/docs/json')).json()) as {
      paths: Record<string, Record<string, unknown>>;
    };
    const operations = Object.values(spec.paths).reduce(
      (count, methods) => count + Object.keys(methods).length,
      0,
    );
    expect(operations).toBeGreaterThan(20);
    await expect(page.locator('.opblock')).toHaveCount(operations);
    await expect(page.locator('.info .title')).toContainText('Moneta API');

    // Open an operation and its example answer: still nothing blocked.
    await page.locator('.opblock-summary-control').first().click();
    await expect(page.locator('.opblock-body').first()).toBeVisible();
    await page.screenshot({ path: testInfo.outputPath('api-docs.png') });

    expect(violations).toEqual([]);
    expect(failed).toEqual([]);
  } finally {
    await browser.close();
  }
});

test('hashed assets are served precompressed and immutable', async ({ request }, testInfo) => {
  desktopOnly(testInfo.project.name);
  const html = await (await request.get('/')).text();
  const entry = /<script[^>]+src="(\/assets\/[^"]+\.js)"/.exec(html)?.[1];
  expect(entry).toBeDefined();
  const url = entry ?? '';
  const plain = await request.get(url, { headers: { 'accept-encoding': 'identity' } });
  expect(plain.headers()['content-encoding']).toBeUndefined();
  const size = Number(plain.headers()['content-length']);
  expect(size).toBeGreaterThan(50_000);

  for (const encoding of ['br', 'gzip']) {
    const response = await request.get(url, { headers: { 'accept-encoding': encoding } });
    const headers = response.headers();
    expect(headers['content-encoding'], encoding).toBe(encoding);
    expect(headers['cache-control'], encoding).toBe('public, max-age=31536000, immutable');
    expect(headers.vary?.toLowerCase(), encoding).toContain('accept-encoding');
    // A file written at build time: its length is known, not a chunked per-request stream.
    expect(Number(headers['content-length']), encoding).toBeLessThan(size / 2);
    expect((await response.body()).equals(await plain.body()), encoding).toBe(true);
  }
});
