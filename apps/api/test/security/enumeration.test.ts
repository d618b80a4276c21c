import { performance } from 'node:perf_hooks';
import { describe, expect, it } from 'vitest';
import { buildTestApp, registerUser } from '../build-test-app.js';
import { bearer, createToken, login } from './helpers.js';

const HOUR = 3_600_000;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[middle] ?? 0)
    : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

describe('enumeration: a known and an unknown username look the same', async () => {
  const { app, clock } = await buildTestApp();
  const alice = await registerUser(app);
  const unknown = `nobody_${Date.now().toString(36)}`;

  it('login answers a wrong password and an unknown user with identical status, headers and body', async () => {
    const known = await login(app, alice.username, 'wrong password here');
    const missing = await login(app, unknown, 'wrong password here');
    expect(known.statusCode).toBe(401);
    expect(missing.statusCode).toBe(known.statusCode);
    expect(missing.body).toBe(known.body);
    expect(missing.headers['content-type']).toBe(known.headers['content-type']);
    expect(missing.cookies).toEqual(known.cookies);
    expect(Object.keys(missing.headers).sort()).toEqual(Object.keys(known.headers).sort());
  });

  it('the throttle answers a known and an unknown account alike', async () => {
    clock.now = new Date(clock.now.getTime() + 24 * HOUR);
    const statuses = { known: [] as number[], unknown: [] as number[] };
    let lastKnown = '';
    let lastUnknown = '';
    for (let i = 0; i < 12; i += 1) {
      const k = await login(app, alice.username, `guess ${i}`, '10.9.9.9');
      const u = await login(app, unknown, `guess ${i}`, '10.9.9.9');
      statuses.known.push(k.statusCode);
      statuses.unknown.push(u.statusCode);
      lastKnown = `${k.headers['retry-after']} ${k.body}`;
      lastUnknown = `${u.headers['retry-after']} ${u.body}`;
    }
    expect(statuses.unknown).toEqual(statuses.known);
    expect(statuses.known.at(-1)).toBe(429);
    expect(lastUnknown).toBe(lastKnown);
  });

  it('registration conflicts say only that the name is taken, in any letter case', async () => {
    const answers = [];
    for (const name of [alice.username, alice.username.toUpperCase()]) {
      const response = await app.inject({
        method: 'POST',
        url: '/api/v1/auth/register',
        payload: { username: name, password: 'some other password' },
      });
      expect(response.statusCode).toBe(409);
      expect(response.cookies).toEqual([]);
      answers.push(response.body);
    }
    expect(answers[1]).toBe(answers[0]);
    expect(answers[0]).not.toMatch(/\d{4}-\d{2}-\d{2}|currency|created/i);
  });

  it('login timing: medians over 200 interleaved tries differ by less than 5 ms', async () => {
    const times = { known: [] as number[], unknown: [] as number[] };
    const measure = async (username: string) => {
      // A fresh hour each time: the throttle never answers early, every try runs argon2.
      clock.now = new Date(clock.now.getTime() + 2 * HOUR);
      const started = performance.now();
      const response = await login(app, username, 'definitely not it', '10.7.7.7');
      const elapsed = performance.now() - started;
      expect(response.statusCode).toBe(401);
      return elapsed;
    };
    await measure(alice.username);
    await measure(unknown);
    for (let i = 0; i < 200; i += 1) {
      // Alternate which goes first, so drift and warm-up fall on both sides equally.
      if (i % 2 === 0) {
        times.known.push(await measure(alice.username));
        times.unknown.push(await measure(unknown));
      } else {
        times.unknown.push(await measure(unknown));
        times.known.push(await measure(alice.username));
      }
    }
    const difference = Math.abs(median(times.known) - median(times.unknown));
    console.info(
      `[enumeration] login medians over 200 tries each: known ${median(times.known).toFixed(2)} ms, ` +
        `unknown ${median(times.unknown).toFixed(2)} ms, difference ${difference.toFixed(2)} ms`,
    );
    expect(difference).toBeLessThan(5);
  }, 120_000);
});

describe('brute force: 1,000 wrong passwords against one account', async () => {
  const { app, clock } = await buildTestApp();

  /** Sends 1,000 wrong passwords spread evenly over one hour; returns how many were checked. */
  async function attack(
    username: string,
    ipOf: (i: number) => string,
  ): Promise<{ checked: number; throttled: number }> {
    const start = clock.now.getTime();
    let checked = 0;
    let throttled = 0;
    for (let i = 0; i < 1000; i += 1) {
      clock.now = new Date(start + Math.floor((i * HOUR) / 1000));
      const response = await login(app, username, `guess number ${i}`, ipOf(i));
      if (response.statusCode === 401) checked += 1;
      else if (response.statusCode === 429) {
        throttled += 1;
        expect(Number(response.headers['retry-after'])).toBeGreaterThan(0);
      } else throw new Error(`unexpected ${response.statusCode}: ${response.body}`);
    }
    return { checked, throttled };
  }

  it('from one address: at most 100 checked in the hour, while the owner logs in from elsewhere and tokens work', async () => {
    const victim = await registerUser(app);
    const token = await createToken(victim);
    const result = await attack(victim.username, () => '203.0.113.7');
    console.info(
      `[brute-force] one address: ${result.checked} of 1000 guesses checked, ${result.throttled} refused`,
    );
    expect(result.checked).toBeLessThanOrEqual(100);
    expect((await login(app, victim.username, victim.password, '198.51.100.20')).statusCode).toBe(
      200,
    );
    expect(
      (await app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: bearer(token) }))
        .statusCode,
    ).toBe(200);
    const headless = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/token',
      remoteAddress: '198.51.100.21',
      payload: { username: victim.username, password: victim.password, name: 'during the attack' },
    });
    expect(headless.statusCode).toBe(201);
    // The attacker's address is still refused even with the right password: it proved nothing.
    expect((await login(app, victim.username, victim.password, '203.0.113.7')).statusCode).toBe(
      429,
    );
  }, 120_000);

  it('from 1,000 addresses: at most 100 checked in the hour, and the owner still logs in from their usual address', async () => {
    clock.now = new Date(clock.now.getTime() + 48 * HOUR);
    const victim = await registerUser(app);
    const token = await createToken(victim);
    // The owner signed in from home before the attack.
    expect((await login(app, victim.username, victim.password, '192.0.2.1')).statusCode).toBe(200);
    const result = await attack(victim.username, (i) => `10.${(i >> 8) & 255}.${i & 255}.1`);
    console.info(
      `[brute-force] 1000 addresses: ${result.checked} of 1000 guesses checked, ${result.throttled} refused`,
    );
    expect(result.checked).toBeLessThanOrEqual(100);
    expect((await login(app, victim.username, victim.password, '192.0.2.1')).statusCode).toBe(200);
    expect(
      (await app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: bearer(token) }))
        .statusCode,
    ).toBe(200);
  }, 120_000);
});
