import { CatdbError } from '../errors.js';
import { redactUrl } from '../pg/redact-url.js';

/** A PostgreSQL URL taken apart; `password` is undefined when the URL has none. */
export interface PgUrlParts {
  host: string;
  port: number;
  database: string;
  user: string;
  password: string | undefined;
}

function decode(part: string, what: string, url: string): string {
  try {
    return decodeURIComponent(part);
  } catch (cause) {
    throw new CatdbError('USAGE_INVALID_OPTION', `The ${what} in ${redactUrl(url)} is not valid percent-encoding`, {
      hint: 'Percent-encode reserved characters in the URL: @ as %40, : as %3A, / as %2F, % as %25.',
      cause,
    });
  }
}

/**
 * Takes a `postgres://` URL apart with the WHATWG URL parser and percent-decodes user,
 * password and database, so a password like `p@ss:w/rd%` (written `p%40ss%3Aw%2Frd%25`)
 * survives. `?host=` and `?port=` override the authority, as in libpq.
 * Errors: USAGE_INVALID_OPTION; messages carry the URL with its password masked.
 */
export function parsePgUrl(url: string): PgUrlParts {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch (cause) {
    throw new CatdbError('USAGE_INVALID_OPTION', `Not a valid PostgreSQL URL: ${redactUrl(url)}`, {
      hint: 'Use postgres://user:password@host:port/database, with reserved characters percent-encoded.',
      cause,
    });
  }
  if (parsed.protocol !== 'postgres:' && parsed.protocol !== 'postgresql:') {
    throw new CatdbError('USAGE_INVALID_OPTION', `Not a PostgreSQL URL (scheme ${parsed.protocol}): ${redactUrl(url)}`, {
      hint: 'Use a postgres:// or postgresql:// URL.',
    });
  }
  const host = parsed.searchParams.get('host') || parsed.hostname.replace(/^\[|\]$/g, '') || '127.0.0.1';
  const portText = parsed.searchParams.get('port') || parsed.port || '5432';
  const port = Number(portText);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new CatdbError('USAGE_INVALID_OPTION', `Bad port "${portText}" in ${redactUrl(url)}`);
  }
  const user = decode(parsed.username, 'user name', url) || process.env.PGUSER || 'postgres';
  const database = decode(parsed.pathname.slice(1), 'database name', url) || user;
  const password = parsed.password ? decode(parsed.password, 'password', url) : undefined;
  return { host, port, database, user, password };
}
