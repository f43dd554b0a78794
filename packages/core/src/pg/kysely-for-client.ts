import { Kysely, PostgresDialect } from 'kysely';
import type pg from 'pg';

/**
 * A kysely instance that runs on one already-connected client (catdb keeps its own
 * connections for COPY and transactions), for typed catalog and state queries.
 * Destroying the instance leaves the client open.
 */
export function kyselyForClient<DB>(client: pg.Client): Kysely<DB> {
  // A delegate, not Object.create(client): pg 8.2x keeps query state in `this`, and a
  // prototype child would write it where the connection's handlers never look.
  const poolClient = { query: (...args: unknown[]) => Reflect.apply(client.query, client, args) as unknown, release: () => {} };
  return new Kysely<DB>({
    dialect: new PostgresDialect({
      pool: { connect: async () => poolClient, end: async () => {} } as never,
    }),
  });
}
