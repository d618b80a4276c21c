import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildTestApp, uniqueUsername } from './build-test-app.js';
import { runAdmin } from './processes.js';

async function setUp(mode: string) {
  const testApp = await buildTestApp({ REGISTRATION: mode });
  const register = (body: Record<string, unknown> = {}) =>
    testApp.app.inject({
      method: 'POST',
      url: '/api/v1/auth/register',
      payload: { username: uniqueUsername(), password: 'correct horse battery', ...body },
    });
  const info = async () =>
    (await testApp.app.inject({ method: 'GET', url: '/api/v1/auth/registration' })).json<{
      mode: string;
      firstAccount: boolean;
    }>();
  return { ...testApp, register, info };
}

describe('registration by invitation (the default)', async () => {
  const { app, clock, register, info } = await setUp('invite');

  it('is the default mode', async () => {
    const { parseEnv } = await import('../src/config.js');
    expect(parseEnv({}).REGISTRATION).toBe('invite');
  });

  it('always lets the first account in, without an invite', async () => {
    expect(await info()).toEqual({ mode: 'invite', firstAccount: true });
    expect((await register()).statusCode).toBe(201);
    expect(await info()).toEqual({ mode: 'invite', firstAccount: false });
  });

  it('then needs an invite code, saying so on the inviteCode field', async () => {
    const response = await register();
    expect(response.statusCode).toBe(403);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.json()).toMatchObject({
      errors: [{ path: 'inviteCode', message: 'is required' }],
    });
  });

  it('does not tell a visitor without a valid invite which usernames exist', async () => {
    const taken = uniqueUsername();
    const invite = await app.repos.invites.create({ now: clock.now, days: 1 });
    expect((await register({ username: taken, inviteCode: invite.code })).statusCode).toBe(201);
    for (const inviteCode of [undefined, 'not-a-code']) {
      const response = await register({ username: taken, ...(inviteCode ? { inviteCode } : {}) });
      expect(response.statusCode).toBe(403);
    }
  });

  it('admits once per code, and never after it expires', async () => {
    const invite = await app.repos.invites.create({ now: clock.now, days: 7 });
    expect((await register({ inviteCode: invite.code })).statusCode).toBe(201);
    const again = await register({ inviteCode: invite.code });
    expect(again.statusCode).toBe(403);
    expect(again.json()).toMatchObject({ errors: [{ path: 'inviteCode' }] });

    const later = await app.repos.invites.create({ now: clock.now, days: 7 });
    const saved = clock.now;
    clock.now = new Date(saved.getTime() + 7 * 86_400_000 + 1);
    try {
      expect((await register({ inviteCode: later.code })).statusCode).toBe(403);
    } finally {
      clock.now = saved;
    }
  });

  it('admits only one of two registrations racing for the same code', async () => {
    const invite = await app.repos.invites.create({ now: clock.now, days: 1 });
    const statuses = (
      await Promise.all([
        register({ inviteCode: invite.code }),
        register({ inviteCode: invite.code }),
      ])
    ).map((r) => r.statusCode);
    expect(statuses.sort()).toEqual([201, 403]);
    expect((await app.repos.invites.list()).find((i) => i.id === invite.id)?.usedBy).toBeTruthy();
  });
});

describe('closed registration', async () => {
  const { register, info } = await setUp('closed');

  it('lets the first account in and then no one', async () => {
    expect((await register()).statusCode).toBe(201);
    expect(await info()).toEqual({ mode: 'closed', firstAccount: false });
    const response = await register();
    expect(response.statusCode).toBe(403);
    expect(response.json<{ detail: string }>().detail).toContain('closed');
  });
});

describe('open registration', async () => {
  const { register } = await setUp('open');

  it('lets anyone in', async () => {
    expect((await register()).statusCode).toBe(201);
    expect((await register()).statusCode).toBe(201);
  });
});

const admin = runAdmin;

describe('the admin command line', () => {
  it('creates users and invites that work on a server with closed or invite registration', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'moneta-admin-'));
    const databasePath = join(dir, 'moneta.db');
    const created = await admin(
      databasePath,
      ['create-user', 'owner', 'EUR'],
      'owner password 1\n',
    );
    expect(created.stderr).toBe('');
    expect(created.stdout).toContain("Created owner (EUR, the server's time zone).");
    const second = await admin(databasePath, ['create-user', 'partner'], 'partner password 1\n');
    expect(second.status).toBe(0);

    const invited = await admin(databasePath, ['invite', '3', 'for', 'Sam']);
    const code = /register\?invite=([A-Za-z0-9_-]+)/.exec(invited.stdout)?.[1];
    expect(code, invited.stdout + invited.stderr).toBeDefined();

    const { app } = await buildTestApp({ DATABASE_PATH: databasePath, REGISTRATION: 'invite' });
    const login = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'partner', password: 'partner password 1' },
    });
    expect(login.statusCode).toBe(200);
    const sam = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/register',
      payload: { username: 'sam', password: 'sam password 12', inviteCode: code },
    });
    expect(sam.statusCode).toBe(201);

    const listed = await admin(databasePath, ['invites']);
    expect(listed.stdout).toMatch(/used .* by sam\tfor Sam/);
    expect((await admin(databasePath, ['create-user', 'sam'])).status).toBe(2);
  }, 60_000);
});
