import { CatdbError, type CatdbErrorCode } from '../errors.js';
import { databaseNotFoundError } from './database-not-found-error.js';

const NETWORK_CODES = ['ECONNREFUSED', 'ENOTFOUND', 'EHOSTUNREACH', 'ETIMEDOUT', 'ECONNRESET', 'EPIPE', 'EAI_AGAIN'];

interface PgLikeError {
  code?: string;
  message?: string;
  detail?: string;
  hint?: string;
  table?: string;
  column?: string;
  constraint?: string;
  schema?: string;
}

/**
 * Turns a node-postgres or socket error into a CatdbError with a hint, keeping the
 * server's error (SQLSTATE, detail, table, column, constraint) as `cause`.
 */
export function mapPgError(err: unknown, context: { what: string; target?: string; details?: Record<string, unknown> }): CatdbError {
  if (err instanceof CatdbError) return err;
  const e = (err ?? {}) as PgLikeError;
  const sqlstate = e.code ?? '';
  const where = context.target ? ` (${context.target})` : '';
  const details = { ...context.details, sqlstate: sqlstate || undefined, detail: e.detail, table: e.table, column: e.column, constraint: e.constraint };
  const make = (code: CatdbErrorCode, msg: string, hint: string): CatdbError =>
    new CatdbError(code, `${context.what}${where}: ${msg}`, { hint, details, cause: err });
  // node-postgres reports a socket closed under it without a code.
  const lostConnection = !sqlstate && /Connection terminated|connection ended|Client has encountered a connection error/i.test(e.message ?? '');
  if (NETWORK_CODES.includes(sqlstate) || sqlstate.startsWith('08') || sqlstate === '57P01' || sqlstate === '57P02' || sqlstate === '57P03' || lostConnection) {
    return make('PG_UNREACHABLE', e.message ?? 'server unreachable', 'Check that PostgreSQL is running and that host, port and network access are right.');
  }
  // The server asked for a password and none was found: node-postgres says so in its own words.
  if (!sqlstate && /client password must be a (non-empty )?string/i.test(e.message ?? '')) {
    return make('PG_AUTH_FAILED', 'the server wants a password and none was found for this user, host and port', 'Add a line for them to the file PGPASSFILE names (or ~/.pgpass, mode 0600): host:port:database:user:password.');
  }
  if (sqlstate === '28P01' || sqlstate === '28000') {
    return make('PG_AUTH_FAILED', e.message ?? 'authentication failed', 'Check the user and password (URL, PGPASSFILE or ~/.pgpass) and pg_hba.conf.');
  }
  if (sqlstate === '3D000') return databaseNotFoundError(context.target, e.message ?? '', err);
  if (sqlstate === '42501') {
    return make('PG_PERMISSION_DENIED', e.message ?? 'permission denied', 'Connect as a role that owns the target schema or has CREATE on it.');
  }
  if (sqlstate === '57014') {
    return make('PG_STATEMENT_TIMEOUT', e.message ?? 'statement timeout', 'Raise statement_timeout for the catdb role (ALTER ROLE … SET statement_timeout = 0) and retry.');
  }
  if (sqlstate === '53100') {
    return make('PG_DISK_FULL', e.message ?? 'disk full', 'Free space on the PostgreSQL server, then re-run with --resume.');
  }
  const suffix = e.detail ? ` (${e.detail})` : '';
  return make('PG_QUERY_FAILED', `${e.message ?? String(err)}${suffix}`, e.hint ?? "The server's message is on the error line; run again with --json for its SQLSTATE, detail and the object concerned.");
}

/**
 * `err` as a CatdbError when the server (or the connection to it) raised it, so that a
 * statement outside the load's own error handling still reports a stable code; any other
 * error as it is.
 */
export function asServerError(err: unknown, what: string): unknown {
  if (err instanceof CatdbError || typeof err !== 'object' || err === null) return err;
  const code = (err as { code?: unknown }).code;
  // SQLSTATE classes never start with E; Node's error codes do.
  const fromServer = typeof code === 'string' && (/^[0-9A-DF-Z][0-9A-Z]{4}$/.test(code) || NETWORK_CODES.includes(code));
  return fromServer ? mapPgError(err, { what }) : err;
}
