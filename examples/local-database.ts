// Where the examples go when no PostgreSQL URL is given: a database of their own on catdb's local
// server (the one `catdb migrate` uses without --to), so they run out of the box.
import { connect, ensureEmbeddedPostgres, quoteIdent } from '@catdb/core';

/**
 * URL of database `name` on catdb's local PostgreSQL: starts the server on first use (initdb
 * included) and creates the database when missing. The URL names the server's passfile
 * (`?passfile=`), so it carries no password. Says on stderr where the server is; it keeps
 * running afterwards, like the one `catdb migrate` starts.
 */
export async function localDatabase(name: string): Promise<string> {
  const server = await ensureEmbeddedPostgres();
  const url = (database: string): string => `postgres://${server.user}@${server.host}:${server.port}/${encodeURIComponent(database)}?passfile=${encodeURIComponent(server.passfile)}`;
  const admin = await connect(url('postgres'));
  try {
    const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (exists.rowCount === 0) await admin.query(`CREATE DATABASE ${quoteIdent(name)}`);
  } finally {
    await admin.end();
  }
  process.stderr.write(`using database ${name} on catdb's local PostgreSQL at ${server.host}:${server.port} (data in ${server.dataDir}); stop it with: catdb local stop\n`);
  return url(name);
}
