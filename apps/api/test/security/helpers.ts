import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import type { CreatedApiToken } from '@moneta/schema';
import type { Session } from '../build-test-app.js';

/** A personal access token of the session's user. */
export async function createToken(session: Session, name = 'script'): Promise<string> {
  const response = await session.request({
    method: 'POST',
    url: '/api/v1/tokens',
    payload: { name },
  });
  if (response.statusCode !== 201) throw new Error(`token create failed: ${response.body}`);
  return response.json<CreatedApiToken>().token;
}

export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

export async function login(
  app: FastifyInstance,
  username: string,
  password: string,
  remoteAddress = '127.0.0.1',
): Promise<LightMyRequestResponse> {
  return app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { username, password },
    remoteAddress,
  });
}

/** Every row of every table that has a user_id column, for that user: the user's whole footprint. */
export function userFootprint(app: FastifyInstance, userId: number): Record<string, number> {
  const sqlite = app.dbHandle.sqlite;
  const tables = sqlite
    .prepare(
      `SELECT m.name FROM sqlite_master m, pragma_table_info(m.name) c WHERE m.type = 'table' AND c.name = 'user_id'`,
    )
    .pluck()
    .all() as string[];
  const footprint: Record<string, number> = {
    users: sqlite.prepare('SELECT COUNT(*) FROM users WHERE id = ?').pluck().get(userId) as number,
  };
  for (const table of tables) {
    footprint[table] = sqlite
      .prepare(`SELECT COUNT(*) FROM "${table}" WHERE user_id = ?`)
      .pluck()
      .get(userId) as number;
  }
  return footprint;
}

/** A dump of everything the user owns, to compare before and after a refused request. */
export function userSnapshot(app: FastifyInstance, userId: number): string {
  const sqlite = app.dbHandle.sqlite;
  const tables = sqlite
    .prepare(
      `SELECT m.name FROM sqlite_master m, pragma_table_info(m.name) c WHERE m.type = 'table' AND c.name = 'user_id'`,
    )
    .pluck()
    .all() as string[];
  const dump: Record<string, unknown> = {
    users: sqlite.prepare('SELECT * FROM users WHERE id = ?').all(userId),
  };
  // last_used_at moves on every token request: it is bookkeeping, not the user's data.
  for (const table of tables) {
    dump[table] = sqlite
      .prepare(`SELECT * FROM "${table}" WHERE user_id = ? ORDER BY rowid`)
      .all(userId)
      .map((row) => ({ ...(row as object), last_used_at: undefined }));
  }
  return JSON.stringify(dump);
}
