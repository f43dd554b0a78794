import { CatdbError } from '../errors.js';
import { connect } from './connect.js';
import { mapPgError } from './map-pg-error.js';
import { quoteIdent } from './quote-ident.js';
import { redactUrl } from './redact-url.js';
import { requirePostgresUrl } from './require-postgres-url.js';

/** Deadline for connecting to the maintenance database and each statement. */
const TIMEOUT_MS = 30_000;

/**
 * Creates the database a URL names when the server has none of that name, connecting as the
 * URL's user to the server's `postgres` database (the libpq tools' maintenance database).
 * Returns true when it created it. Errors: PG_PERMISSION_DENIED (the role lacks CREATEDB),
 * PG_UNREACHABLE, PG_AUTH_FAILED, PG_TIMEOUT, USAGE_INVALID_URL.
 */
export async function createDatabaseIfMissing(url: string, options: { signal?: AbortSignal } = {}): Promise<boolean> {
  const parsed = requirePostgresUrl(url);
  const database = decodeURIComponent(parsed.pathname.slice(1));
  if (!database) throw new CatdbError('USAGE_INVALID_URL', `The URL names no database to create: ${redactUrl(url)}`, { hint: 'Put the database name after the host: postgres://user@host:port/database.', details: { problem: 'no database' } });
  const admin = new URL(parsed);
  admin.pathname = '/postgres';
  const client = await connect(admin.href, { timeoutMs: TIMEOUT_MS, ...(options.signal ? { signal: options.signal } : {}) });
  try {
    const exists = await client.query('SELECT 1 FROM pg_catalog.pg_database WHERE datname = $1', [database]);
    if (exists.rowCount) return false;
    await client.query(`CREATE DATABASE ${quoteIdent(database)}`);
    return true;
  } catch (err) {
    // Another run created it meanwhile: that is what was asked for.
    if ((err as { code?: string }).code === '42P04') return false;
    throw mapPgError(err, { what: `Creating database "${database}" failed`, target: redactUrl(url), details: { database } });
  } finally {
    await client.end().catch(() => {});
  }
}
