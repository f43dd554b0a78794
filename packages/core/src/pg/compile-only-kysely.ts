import { DummyDriver, Kysely, PostgresAdapter, PostgresIntrospector, PostgresQueryCompiler, type Compilable } from 'kysely';
import type pg from 'pg';

/**
 * A kysely instance that only builds SQL (kysely's "splitting build and execution"
 * recipe): queries are typed against `DB` and run with {@link runCompiled} on a client
 * catdb already holds, inside whatever transaction that client is in.
 */
export function compileOnlyKysely<DB>(): Kysely<DB> {
  return new Kysely<DB>({
    dialect: {
      createAdapter: () => new PostgresAdapter(),
      createDriver: () => new DummyDriver(),
      createIntrospector: (db) => new PostgresIntrospector(db),
      createQueryCompiler: () => new PostgresQueryCompiler(),
    },
  });
}

/** Runs a kysely query on a node-postgres client; returns its rows. */
export async function runCompiled<R>(client: pg.Client, query: Compilable<R>): Promise<R[]> {
  const q = query.compile();
  const res = await client.query({ text: q.sql, values: [...q.parameters] });
  return res.rows as R[];
}
