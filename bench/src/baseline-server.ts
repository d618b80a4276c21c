import { buildBaseline } from './baseline.js';

// Started by the runner as a child process, like the app's own server.js.
const { PORT = '3401', HOST = '127.0.0.1', DATABASE_PATH, SESSION_SECRET } = process.env;
if (!DATABASE_PATH || !SESSION_SECRET) {
  console.error('DATABASE_PATH and SESSION_SECRET are required');
  process.exit(1);
}
const app = buildBaseline({ databasePath: DATABASE_PATH, secret: SESSION_SECRET });
process.on('SIGTERM', () => {
  void app.close().then(() => process.exit(0));
});
await app.listen({ port: Number(PORT), host: HOST });
