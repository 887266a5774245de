import type { FastifyInstance } from 'fastify';
import type { Database } from '../../src/platform/db/open-database.ts';
import { buildServer, type ServerOptions } from '../../src/platform/http/server.ts';
import { createApiToken } from '../../src/workspace/create-api-token.ts';
import { createTestDatabase } from '../db.ts';
import { newWorkspace } from '../factories.ts';

/** A server on a fresh database with one workspace and an admin bearer token. */
export async function apiHarness(options: Omit<ServerOptions, 'database'> = {}) {
  const database: Database = await createTestDatabase();
  const app: FastifyInstance = await buildServer({ database, ...options });
  const ws = await newWorkspace(database);
  const { token } = await createApiToken(ws.ctx, { userId: ws.adminUserId, name: 'test' });
  const auth = { authorization: `Bearer ${token}` };
  return {
    app,
    database,
    ws,
    token,
    auth,
    close: async () => {
      await app.close();
      await database.close();
    },
  };
}
