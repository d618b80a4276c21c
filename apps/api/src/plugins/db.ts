import fp from 'fastify-plugin';
import type { DbHandle } from '../db/client.js';
import { createRepositories, type Repositories } from '../db/repositories.js';

declare module 'fastify' {
  interface FastifyInstance {
    repos: Repositories;
    dbHandle: DbHandle;
  }
}

/** Exposes the repositories; the database closes with the app. */
export default fp<{ handle: DbHandle }>(
  async (app, { handle }) => {
    app.decorate('dbHandle', handle);
    app.decorate('repos', createRepositories(handle.database));
    app.addHook('onClose', async () => {
      handle.close();
    });
  },
  { name: 'db' },
);
