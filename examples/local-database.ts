// Where the examples go when no PostgreSQL URL is given: a database of their own on catdb's local
// server (the one `catdb migrate` uses without --to), so they run out of the box.
import { createDatabaseIfMissing, startLocalServer } from '@catdb/core/local';

/**
 * URL of database `name` on catdb's local PostgreSQL: starts the server on first use (initdb
 * included) and creates the database when missing. The URL names the server's passfile
 * (`?passfile=`), so it carries no password. Says on stderr where the server is; it keeps
 * running afterwards, like the one `catdb migrate` starts.
 */
export async function localDatabase(name: string): Promise<string> {
  const server = await startLocalServer();
  const url = `postgres://${server.user}@${server.host}:${server.port}/${encodeURIComponent(name)}?passfile=${encodeURIComponent(server.passfile)}`;
  await createDatabaseIfMissing(url);
  process.stderr.write(`using database ${name} on catdb's local PostgreSQL at ${server.host}:${server.port} (data in ${server.dataDir}); stop it with: catdb local stop\n`);
  return url;
}
