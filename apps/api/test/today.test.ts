import { describe, expect, it } from 'vitest';
import type { Summary, Transaction, User } from '@moneta/schema';
import { buildTestApp, registerUser, sessionCookie, uniqueUsername } from './build-test-app.js';
import { pdfText } from './pdf-text.js';

/** The test clock is 2026-12-01T12:00Z: already 2 December in Kiribati, still 1 December in LA. */
describe("a balance that means today, in the user's time zone", async () => {
  const { app } = await buildTestApp();

  async function registerIn(timeZone: string) {
    const username = uniqueUsername();
    const response = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/register',
      payload: { username, password: 'correct horse battery', timeZone },
    });
    expect(response.statusCode).toBe(201);
    const cookie = sessionCookie(response);
    return {
      user: response.json<User>(),
      request: (method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) =>
        app.inject({ method, url, headers: { cookie }, ...(payload ? { payload } : {}) }),
    };
  }

  it('dates a transaction without a date with the user’s today, not the server’s', async () => {
    const kiribati = await registerIn('Pacific/Kiritimati');
    expect(kiribati.user.timeZone).toBe('Pacific/Kiritimati');
    const coffee = await kiribati.request('POST', '/api/v1/transactions', {
      type: 'expense',
      amount: '3.00',
      title: 'Coffee',
    });
    expect(coffee.json<Transaction>().date).toBe('2026-12-02');

    const la = await registerIn('America/Los_Angeles');
    const lunch = await la.request('POST', '/api/v1/transactions', {
      type: 'expense',
      amount: '9.00',
      title: 'Lunch',
    });
    expect(lunch.json<Transaction>().date).toBe('2026-12-01');
  });

  it('leaves a future-dated rent out of today’s balance and shows it as upcoming', async () => {
    const alice = await registerIn('Europe/Berlin');
    for (const [type, amount, title, date] of [
      ['income', '2500.00', 'Salary', '2026-11-28'],
      ['expense', '950.00', 'Rent', '2027-01-01'],
      ['expense', '40.00', 'Phone', '2026-12-15'],
    ] as const) {
      const created = await alice.request('POST', '/api/v1/transactions', {
        type,
        amount,
        title,
        date,
      });
      expect(created.statusCode).toBe(201);
    }
    const summary = (await alice.request('GET', '/api/v1/summary')).json<Summary>();
    expect(summary).toMatchObject({
      balance: '2500.00',
      asOf: '2026-12-01',
      upcoming: { count: 2, balance: '1510.00' },
    });

    const text = await pdfText(
      (await alice.request('GET', '/api/v1/reports/summary.pdf')).rawPayload,
    );
    expect(text).toMatch(/Balance today \(2026-12-01\)\s+2500\.00/);
    expect(text).toMatch(/Balance after 2 upcoming transactions\s+1510\.00/);
    expect(text).toMatch(/2027-01-01\s+Upcoming · Rent/);
    expect(text).not.toMatch(/Upcoming · Salary/);
  });

  it('follows a change of time zone, and refuses one that does not exist', async () => {
    const bob = await registerIn('America/Los_Angeles');
    const moved = await bob.request('PATCH', '/api/v1/auth/me', { timeZone: 'Pacific/Kiritimati' });
    expect(moved.statusCode).toBe(200);
    expect(moved.json<User>().timeZone).toBe('Pacific/Kiritimati');
    expect((await bob.request('GET', '/api/v1/summary')).json<Summary>().asOf).toBe('2026-12-02');

    const wrong = await bob.request('PATCH', '/api/v1/auth/me', { timeZone: 'Mars/Olympus' });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json()).toMatchObject({ errors: [{ path: 'timeZone' }] });
    const refused = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/register',
      payload: { username: uniqueUsername(), password: 'correct horse battery', timeZone: 'Nope' },
    });
    expect(refused.statusCode).toBe(400);
  });

  it('uses the server’s zone for a user who never chose one', async () => {
    const carol = await registerUser(app);
    const me = (await carol.request({ method: 'GET', url: '/api/v1/auth/me' })).json<User>();
    expect(me.timeZone).toBe(Intl.DateTimeFormat().resolvedOptions().timeZone);
  });
});
