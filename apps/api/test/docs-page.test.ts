import { describe, expect, it } from 'vitest';
import { buildTestApp } from './build-test-app.js';

/** A CSP header as directive -> its sources. */
function directives(csp: string): Map<string, string[]> {
  return new Map(
    csp
      .split(';')
      .map((part) => part.trim().split(/\s+/))
      .filter(([name]) => name)
      .map(([name = '', ...sources]) => [name, sources]),
  );
}

describe('the API docs page (/api/docs)', async () => {
  const { app } = await buildTestApp();

  it.each([
    '/api/docs',
    '/api/docs/',
    '/api/docs/static/swagger-initializer.js',
    '/api/docs/static/swagger-ui.css',
    '/api/docs/json',
  ])('keeps the app’s strict policy on %s, with nothing that breaks plain HTTP', async (url) => {
    const response = await app.inject({
      method: 'GET',
      url,
      headers: { host: 'lan-box:3000' },
    });
    expect(response.statusCode).toBe(200);
    const csp = directives(String(response.headers['content-security-policy']));
    // Over plain HTTP on a LAN name an upgrade sends every request to https://, which fails.
    expect(csp.has('upgrade-insecure-requests')).toBe(false);
    expect(csp.has('block-all-mixed-content')).toBe(false);
    expect(csp.get('default-src')).toEqual(["'self'"]);
    expect(csp.get('script-src')).toEqual(["'self'"]);
    expect(csp.get('style-src')).toEqual(["'self'"]);
    expect(csp.get('connect-src')).toEqual(["'self'"]);
    expect(csp.get('object-src')).toEqual(["'none'"]);
    expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
    expect(String(response.headers['content-security-policy'])).not.toMatch(/https:|unsafe-/);
    expect(response.headers['x-content-type-options']).toBe('nosniff');
  });

  it('needs nothing inline: scripts and styles are files, the top bar with its inline logo is off', async () => {
    const page = await app.inject({ method: 'GET', url: '/api/docs/' });
    expect(page.body).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    expect(page.body).not.toMatch(/<style|\sstyle=/);
    const initializer = await app.inject({
      method: 'GET',
      url: '/api/docs/static/swagger-initializer.js',
    });
    expect(initializer.body).toMatch(/"layout":\s*"BaseLayout"/);
  });
});
