import type { PgClient } from '../support/core-internals.js';

/** What a database holds outside PostgreSQL's own schemas: what a smuggled statement would change. */
export interface CatalogTrace {
  /** `schema.name kind` of every relation in a user schema. */
  relations: string[];
  functions: string[];
  schemas: string[];
  extensions: string[];
  eventTriggers: string[];
  /** Anything anywhere in the cluster named like the payloads' objects. */
  pwned: string[];
}

export async function readCatalogTrace(client: PgClient): Promise<CatalogTrace> {
  const list = async (sql: string): Promise<string[]> => (await client.query<{ v: string }>(sql)).rows.map((r) => r.v).sort();
  const user = `n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast') AND n.nspname NOT LIKE 'pg_temp%' AND n.nspname NOT LIKE 'pg_toast_temp%'`;
  return {
    relations: await list(`SELECT n.nspname || '.' || c.relname || ' ' || c.relkind::text AS v FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE ${user}`),
    functions: await list(`SELECT n.nspname || '.' || p.proname AS v FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE ${user}`),
    schemas: await list(`SELECT n.nspname AS v FROM pg_namespace n WHERE ${user}`),
    extensions: await list('SELECT extname AS v FROM pg_extension'),
    eventTriggers: await list('SELECT evtname AS v FROM pg_event_trigger'),
    pwned: await list(`
      SELECT 'relation ' || relname AS v FROM pg_class WHERE relname ILIKE 'pwned%'
      UNION ALL SELECT 'role ' || rolname FROM pg_roles WHERE rolname ILIKE 'pwned%'
      UNION ALL SELECT 'function ' || proname FROM pg_proc WHERE proname ILIKE 'pwned%'
      UNION ALL SELECT 'database ' || datname FROM pg_database WHERE datname ILIKE 'pwned%'
      UNION ALL SELECT 'schema ' || nspname FROM pg_namespace WHERE nspname ILIKE 'pwned%'`),
  };
}
