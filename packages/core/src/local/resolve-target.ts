import { CatdbError } from '../errors.js';
import { createDatabaseIfMissing } from '../pg/create-database.js';
import { requirePostgresUrl } from '../pg/require-postgres-url.js';
import { urlFromLibpqEnvironment } from '../pg/url-from-libpq-environment.js';
import { parsePostgresUrl } from '../pg/parse-postgres-url.js';
import { localServerAt } from './is-local-server-url.js';
import { localServerStatus } from './local-server-status.js';
import { startLocalServer } from './start-local-server.js';
import { SUPERUSER as LOCAL_SUPERUSER } from './start-postgres.js';

/** Options of resolveTarget: the URL given, the environment, and what to do when neither names a target. */
export interface ResolveTargetOptions {
  /** The URL given on the command line (`--to`), if any. */
  to?: string;
  /** Where DATABASE_URL and the PG* variables are read; default process.env. */
  env?: NodeJS.ProcessEnv;
  /** The database to use on catdb's local server (named after the SQLite file). */
  localDatabase: string;
  /**
   * With no target given: 'start' starts catdb's local server when it is not running and
   * creates `localDatabase` there; 'if-running' (read-only commands) uses it only when it is
   * already running, and otherwise fails with USAGE_NO_TARGET having started nothing.
   */
  local: 'start' | 'if-running';
  /** Create the target database when the server has none of that name (`--create-database`). */
  createDatabase?: boolean;
  /** The option that names a target, for messages; default `--to`. */
  option?: string;
  signal?: AbortSignal;
}

/** The target resolveTarget chose, where it came from, and what it started or created. */
export interface ResolvedTarget {
  /** The URL to connect to (no password; the local server's names its passfile). */
  url: string;
  /** Where it came from, in libpq's order of precedence. */
  from: 'option' | 'DATABASE_URL' | 'PG environment' | 'local server';
  /** Set when the target is catdb's local server. */
  local?: { dir: string; passfile: string; port: number; database: string; started: boolean };
  /** Whether this call created the target database. */
  createdDatabase: boolean;
}

/**
 * The target PostgreSQL in libpq's order: the option (`--to`), else DATABASE_URL, else the PG*
 * variables (when PGHOST or PGDATABASE is set), else catdb's local server. Side effects: with
 * `local: 'start'`, may start the local server and create a database on it; with
 * `createDatabase`, may create the target database. Errors: USAGE_NO_TARGET, USAGE_INVALID_URL,
 * the local server's SANDBOX_* and FS_NOT_OWNED, and PG_* from creating a database.
 */
export async function resolveTarget(options: ResolveTargetOptions): Promise<ResolvedTarget> {
  const env = options.env ?? process.env;
  const given: [ResolvedTarget['from'], string | undefined][] = [
    ['option', options.to],
    ['DATABASE_URL', env.DATABASE_URL || undefined],
    ['PG environment', urlFromLibpqEnvironment(env)],
  ];
  const found = given.find(([, url]) => url !== undefined);
  if (found) {
    const [from, typed] = found as [ResolvedTarget['from'], string];
    requirePostgresUrl(typed);
    const url = withLocalPassfile(typed, env);
    const createdDatabase = options.createDatabase ? await createDatabaseIfMissing(url, options.signal ? { signal: options.signal } : {}) : false;
    return { url, from, createdDatabase };
  }
  const database = options.localDatabase;
  if (options.local === 'if-running') {
    const status = localServerStatus(env);
    if (!status.running || !status.port) throw noTargetError(options.option ?? '--to', status.exists);
    return { url: localUrl(status.port, database, status.passfile), from: 'local server', local: { dir: status.dir, passfile: status.passfile, port: status.port, database, started: false }, createdDatabase: false };
  }
  const server = await startLocalServer({ env, ...(options.signal ? { signal: options.signal } : {}) });
  const url = localUrl(server.port, database, server.passfile);
  // catdb's own server: the database is created for the file as a matter of course.
  const createdDatabase = await createDatabaseIfMissing(url, options.signal ? { signal: options.signal } : {});
  return { url, from: 'local server', local: { dir: server.dir, passfile: server.passfile, port: server.port, database, started: server.started }, createdDatabase };
}

/**
 * A URL typed by hand for catdb's running local server (the `Target:` line printed without its
 * parameters) carries no password: give it the server's passfile, as the URL catdb builds
 * itself does. Any other URL, or one with a password or a passfile of its own, is returned as
 * it is.
 */
function withLocalPassfile(url: string, env: NodeJS.ProcessEnv): string {
  const parsed = parsePostgresUrl(url);
  if (!parsed || parsed.password || parsed.searchParams.has('passfile') || decodeURIComponent(parsed.username) !== LOCAL_SUPERUSER) return url;
  const local = localServerAt(url, env);
  if (!local) return url;
  parsed.searchParams.set('passfile', local.passfile);
  return parsed.href;
}

function localUrl(port: number, database: string, passfile: string): string {
  const url = new URL(`postgres://${LOCAL_SUPERUSER}@127.0.0.1:${port}/${encodeURIComponent(database)}`);
  url.searchParams.set('passfile', passfile);
  return url.href;
}

function noTargetError(option: string, exists: boolean): CatdbError {
  return new CatdbError('USAGE_NO_TARGET', `No target database given (${option}, DATABASE_URL, PGHOST/PGDATABASE) and catdb's local PostgreSQL is ${exists ? 'stopped' : 'not set up'}; this command only reads, so it starts no server`, {
    hint: `Pass ${option} postgres://user@host:port/database, set DATABASE_URL or PGHOST and PGDATABASE, or run \`catdb local start\` to use catdb's local PostgreSQL.`,
    details: { option, localServer: exists ? 'stopped' : 'absent' },
  });
}
