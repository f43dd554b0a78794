import { homedir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { parse } from 'pg-connection-string';
import { lookupPgpass } from '../sandbox/pgpass.js';
import { throwIfAborted } from '../errors.js';
import { mapPgError } from './map-pg-error.js';
import { redactUrl } from './redact-url.js';
import { requirePostgresUrl } from './require-postgres-url.js';

export type PgClient = pg.Client;

export interface ConnectOptions {
  applicationName?: string;
  signal?: AbortSignal;
}

/**
 * The password for a URL that carries none, from its `?passfile=`, PGPASSFILE or ~/.pgpass, found the
 * way libpq finds it. Returned lazily so it is read only when the server asks.
 */
export function passwordFromPassfile(url: string): (() => Promise<string>) | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  if (parsed.password) return undefined;
  // libpq's `passfile` connection parameter names the passfile per connection, ahead of PGPASSFILE.
  const file = parsed.searchParams.get('passfile') || process.env.PGPASSFILE || join(homedir(), '.pgpass');
  const host = parsed.hostname.replace(/^\[|\]$/g, '') || 'localhost';
  const port = parsed.port || '5432';
  const user = decodeURIComponent(parsed.username) || process.env.PGUSER || 'postgres';
  const database = decodeURIComponent(parsed.pathname.slice(1)) || user;
  return async () => lookupPgpass(file, host, port, database, user) ?? '';
}

/**
 * node-postgres settings for a URL: pg-connection-string parses it, the passfile fills in the password.
 * Errors: USAGE_INVALID_OPTION for a string that is no PostgreSQL URL (shown redacted).
 */
export function clientConfig(url: string, applicationName = 'catdb'): pg.ClientConfig {
  requirePostgresUrl(url);
  const parsed = parse(url) as pg.ClientConfig;
  const config: pg.ClientConfig = { ...parsed, application_name: applicationName };
  if (!parsed.password) {
    const password = passwordFromPassfile(url);
    if (password) config.password = password;
  }
  return config;
}

/** Opens one node-postgres client; errors become PG_UNREACHABLE / PG_AUTH_FAILED with hints. */
export async function connect(url: string, options: ConnectOptions = {}): Promise<pg.Client> {
  const client = new pg.Client(clientConfig(url, options.applicationName));
  // An idle client whose server goes away emits 'error'; without a listener Node crashes.
  client.on('error', () => {});
  const onAbort = (): void => void client.end().catch(() => {});
  options.signal?.addEventListener('abort', onAbort, { once: true });
  try {
    await client.connect();
    return client;
  } catch (err) {
    await client.end().catch(() => {});
    // Ending the client mid-handshake makes pg report a protocol error; the cause is the abort.
    throwIfAborted(options.signal);
    throw mapPgError(err, { what: 'Could not connect to PostgreSQL', target: redactUrl(url) });
  } finally {
    options.signal?.removeEventListener('abort', onAbort);
  }
}
