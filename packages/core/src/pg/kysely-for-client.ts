import { Kysely, PostgresDialect } from 'kysely';
import type pg from 'pg';

/**
 * A kysely instance that runs on one already-connected client (catdb keeps its own
 * connections for COPY and transactions), for typed catalog and state queries.
 * Destroying the instance leaves the client open.
 */
export function kyselyForClient<DB>(client: pg.Client): Kysely<DB> {
  const poolClient = Object.assign(Object.create(client) as pg.Client, { release: () => {} });
  return new Kysely<DB>({
    dialect: new PostgresDialect({
      pool: { connect: async () => poolClient, end: async () => {} } as never,
    }),
  });
}
