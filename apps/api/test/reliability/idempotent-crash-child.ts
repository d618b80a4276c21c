/**
 * Child process of the idempotency crash test: registers a user, then sends one create with an
 * Idempotency-Key and is SIGKILLed by its own preSerialization hook, after the write committed
 * and before the response (and the idempotency plugin's onSend) could run. Usage: <dir>
 */
import { buildApp } from '../../src/app.js';
import { testConfig } from '../build-test-app.js';

const [dir] = process.argv.slice(2);
if (!dir) throw new Error('usage: idempotent-crash-child <dir>');

const app = await buildApp(testConfig(dir), { logger: false });
// preSerialization runs before any onSend hook, where the key used to be completed.
app.addHook('preSerialization', async (request) => {
  if (request.method === 'POST' && request.url === '/api/v1/transactions') {
    process.kill(process.pid, 'SIGKILL');
    await new Promise(() => undefined);
  }
});
const registered = await app.inject({
  method: 'POST',
  url: '/api/v1/auth/register',
  payload: { username: 'crashy', password: 'correct horse battery' },
});
const cookie = registered.cookies.find((c) => c.name === 'moneta_session');
if (registered.statusCode !== 201 || !cookie) throw new Error(registered.body);
process.stdout.write('registered\n');
await app.inject({
  method: 'POST',
  url: '/api/v1/transactions',
  headers: { cookie: `moneta_session=${cookie.value}`, 'idempotency-key': 'rent-2026-12' },
  payload: { type: 'expense', amount: '950.00', title: 'Rent', date: '2026-12-01' },
});
process.stdout.write('answered\n');
