import { homedir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { parse } from 'pg-connection-string';
import { lookupPgpass } from './pgpass.js';
import { throwIfAborted } from '../errors.js';
import { connectWithinDeadline } from './connect-within-deadline.js';
import { connectTimeoutMs } from './connect-timeout.js';
import { environmentPassword, userApplicationName, withLibpqEnvironment } from './libpq-environment.js';
import { mapPgError } from './map-pg-error.js';
import { parseConnectionUrl, type ConnectionParams } from './parse-connection-url.js';
import { redactUrl } from './redact-url.js';
import { requirePostgresUrl } from './require-postgres-url.js';

export type PgClient = pg.Client;

export interface ConnectOptions {
  applicationName?: string;
  /** Cuts the connection attempt; with `timeoutMs`, every query until `end()` too. */
  signal?: AbortSignal;
  /**
   * Milliseconds for connecting and every query until `end()`: past it the socket is destroyed
   * and the pending call fails with PG_TIMEOUT naming the server. Connecting alone is also
   * bounded by the URL's `connect_timeout` or PGCONNECT_TIMEOUT when that is shorter.
   */
  timeoutMs?: number;
}

/**
 * The passfile libpq would read for a URL: its `?passfile=`, else PGPASSFILE, else ~/.pgpass.
 * node-postgres reads none of them by itself.
 */
export function passfileFor(url: string): string {
  let fromUrl: string | null = null;
  try {
    fromUrl = new URL(url).searchParams.get('passfile');
  } catch {
    // Not a URL: fall back to the environment, as libpq would for a keyword string.
  }
  return fromUrl || process.env.PGPASSFILE || join(homedir(), '.pgpass');
}

/**
 * The password for a URL that carries none, from its `?passfile=`, PGPASSFILE or ~/.pgpass, found the
 * way libpq finds it. Returned lazily so it is read only when the server asks.
 */
export function passwordFromPassfile(url: string): (() => Promise<string>) | undefined {
  let params: ConnectionParams;
  try {
    params = parseConnectionUrl(url);
  } catch {
    return undefined;
  }
  if (params.password !== undefined) return undefined;
  const file = passfileFor(url);
  const { port, database, user } = params;
  // libpq matches a Unix-socket directory as "localhost" in the passfile.
  const host = params.host.startsWith('/') ? 'localhost' : params.host;
  return async () => lookupPgpass(file, host, port, database, user) ?? '';
}

/**
 * node-postgres settings for a URL: pg-connection-string parses it, libpq's environment fills in
 * what it leaves out (see withLibpqEnvironment), PGPASSWORD or the passfile the password.
 * Errors: USAGE_INVALID_URL for a string that is no PostgreSQL URL (shown redacted).
 */
export function clientConfig(url: string, applicationName = 'catdb'): pg.ClientConfig {
  requirePostgresUrl(url);
  const parsed = parse(withLibpqEnvironment(url)) as pg.ClientConfig;
  const config: pg.ClientConfig = { ...parsed, application_name: userApplicationName(parsed) ?? applicationName };
  if (!parsed.password) {
    // A `?passfile=` in the URL names where its password is, so it wins over PGPASSWORD.
    const password = (new URL(url).searchParams.has('passfile') ? undefined : environmentPassword()) ?? passwordFromPassfile(url);
    if (password) config.password = password;
  }
  return config;
}

/**
 * Opens one node-postgres client; the password comes from the URL or its passfile (see
 * passfileFor). Connecting is bounded by `connect_timeout` / PGCONNECT_TIMEOUT, and with
 * `timeoutMs` connecting and every query are. Errors: PG_UNREACHABLE, PG_AUTH_FAILED,
 * PG_TIMEOUT, ABORTED.
 */
export async function connect(url: string, options: ConnectOptions = {}): Promise<pg.Client> {
  throwIfAborted(options.signal);
  const client = new pg.Client(clientConfig(url, options.applicationName));
  try {
    return await connectWithinDeadline(client, { target: `PostgreSQL at ${client.host}:${client.port}`, connectMs: connectTimeoutMs(url), totalMs: options.timeoutMs, signal: options.signal });
  } catch (err) {
    throw mapPgError(err, { what: 'Could not connect to PostgreSQL', target: redactUrl(url) });
  }
}
