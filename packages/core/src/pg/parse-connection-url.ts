import { parse } from 'pg-connection-string';
import { CatdbError } from '../errors.js';
import { redactUrl } from './redact-url.js';
import { requirePostgresUrl } from './require-postgres-url.js';

/** A PostgreSQL URL taken apart; `password` is undefined when the URL has none. */
export interface ConnectionParams {
  host: string;
  port: number;
  database: string;
  user: string;
  password: string | undefined;
}

/**
 * catdb's one URL parser: pg-connection-string (the parser node-postgres itself uses, so
 * both read a URL alike: percent-decoding, `[::1]`, `?host=` and `?port=` overriding the
 * authority as in libpq), then libpq's defaults for what the URL leaves out: host
 * `localhost`, port 5432, user PGUSER else `postgres`, database the user's name.
 * Errors: USAGE_INVALID_URL; messages carry the URL with its password masked.
 */
export function parseConnectionUrl(url: string): ConnectionParams {
  requirePostgresUrl(url);
  const parsed = parse(url);
  const portText = parsed.port || '5432';
  const port = Number(portText);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new CatdbError('USAGE_INVALID_URL', `Bad port "${portText}" in ${redactUrl(url)}`, { hint: 'Give ?port= a number from 1 to 65535.', details: { problem: 'port' } });
  }
  const user = parsed.user || process.env.PGUSER || 'postgres';
  return { host: parsed.host || 'localhost', port, database: parsed.database || user, user, password: parsed.password || undefined };
}
