import { CatdbError } from '../errors.js';
import { redactUrl } from '../pg/redact-url.js';
import { requirePostgresUrl } from '../pg/require-postgres-url.js';

/** A PostgreSQL URL taken apart; `password` is undefined when the URL has none. */
export interface PgUrlParts {
  host: string;
  port: number;
  database: string;
  user: string;
  password: string | undefined;
}

/**
 * Takes a `postgres://` URL apart with the WHATWG URL parser (once {@link requirePostgresUrl}
 * has checked it, percent-encoding included) and percent-decodes user, password and
 * database, so a password like `p@ss:w/rd%` (written `p%40ss%3Aw%2Frd%25`) survives. `?host=` and `?port=` override the authority, as in libpq.
 * Errors: USAGE_INVALID_URL; messages carry the URL with its password masked.
 */
export function parsePgUrl(url: string): PgUrlParts {
  const parsed = requirePostgresUrl(url);
  const host = parsed.searchParams.get('host') || parsed.hostname.replace(/^\[|\]$/g, '') || '127.0.0.1';
  const portText = parsed.searchParams.get('port') || parsed.port || '5432';
  const port = Number(portText);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new CatdbError('USAGE_INVALID_URL', `Bad port "${portText}" in ${redactUrl(url)}`, { hint: 'Give ?port= a number from 1 to 65535.', details: { problem: 'port' } });
  }
  const user = decodeURIComponent(parsed.username) || process.env.PGUSER || 'postgres';
  const database = decodeURIComponent(parsed.pathname.slice(1)) || user;
  const password = parsed.password ? decodeURIComponent(parsed.password) : undefined;
  return { host, port, database, user, password };
}
