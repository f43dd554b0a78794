import { connect } from '../packages/core/src/pg/connect.js';
import { quoteIdent } from '../packages/core/src/pg/quote-ident.js';
import type { LocalPostgres } from '../packages/core/src/local/start-postgres.js';

/** URL of one database of the bench server (no password: clients read the passfile). */
export function databaseUrl(server: LocalPostgres, database: string): string {
  return `postgres://${encodeURIComponent(server.user)}@${server.host}:${server.port}/${encodeURIComponent(database)}`;
}

/**
 * Drops `database` (ending its sessions) and creates it empty, then CHECKPOINTs so the
 * previous contender's dirty buffers and WAL are not flushed on the next one's clock.
 */
export async function applyFreshDatabase(server: LocalPostgres, database: string, signal?: AbortSignal): Promise<void> {
  const client = await connect(databaseUrl(server, 'postgres'), { applicationName: 'catdb-bench', ...(signal ? { signal } : {}) });
  try {
    await client.query(`DROP DATABASE IF EXISTS ${quoteIdent(database)} WITH (FORCE)`);
    await client.query(`CREATE DATABASE ${quoteIdent(database)}`);
    await client.query('CHECKPOINT');
  } finally {
    await client.end();
  }
}

/** Drops `database` to give its disk space back before the next contender. */
export async function dropDatabase(server: LocalPostgres, database: string): Promise<void> {
  const client = await connect(databaseUrl(server, 'postgres'), { applicationName: 'catdb-bench' });
  try {
    await client.query(`DROP DATABASE IF EXISTS ${quoteIdent(database)} WITH (FORCE)`);
  } finally {
    await client.end();
  }
}
