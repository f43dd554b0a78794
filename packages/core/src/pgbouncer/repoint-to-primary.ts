import { parse } from 'pg-connection-string';
import { CatdbError, throwIfAborted } from '../errors.js';
import { DEFAULT_CHECK_TIMEOUT_MS } from '../monitoring/default-check-timeout.js';
import { connect } from '../pg/connect.js';
import { mapPgError } from '../pg/map-pg-error.js';
import { redactUrl } from '../pg/redact-url.js';
import { requirePostgresUrl } from '../pg/require-postgres-url.js';
import { repointPgbouncer } from './repoint-pgbouncer.js';
import type { PgbouncerEventHandler } from './types.js';

/** Options of repointToPrimary. */
export interface RepointToPrimaryOptions {
  /** A folder written by `pgbouncer init` (catdb's: others are refused). */
  dir: string;
  /** URL of the new primary: its host and port go into `[databases]`; it must not be in recovery. */
  primaryUrl: string;
  /** Milliseconds for reading the primary and, separately, for PAUSE → rewrite → RELOAD → RESUME; default 10000. */
  timeoutMs?: number;
  signal?: AbortSignal;
  onEvent?: PgbouncerEventHandler;
}

/** What repointToPrimary changed in PgBouncer. */
export interface RepointToPrimaryResult {
  dir: string;
  /** Primary aliases that now lead to `to`. */
  aliases: string[];
  /** False when they already led there (nothing written, nothing reloaded). */
  changed: boolean;
  /** `host:port` written into the entries. */
  to: string;
}

/**
 * `catdb pgbouncer repoint`: what `replica promote --pgbouncer-dir` does after a promotion, on
 * its own — for when PgBouncer could not be reached then, or the primary changed by other
 * means. Checks that `primaryUrl` answers and is not in recovery (pointing writers at a standby
 * would only turn a pause into errors), then PAUSE, rewrite `[databases]`, RELOAD, RESUME
 * (repointPgbouncer). Re-running once done changes nothing.
 * Errors: PGBOUNCER_CONFIG (the URL's server is a standby), FS_NOT_OWNED, PGBOUNCER_CHECK_FAILED,
 * PG_UNREACHABLE, PG_AUTH_FAILED, PG_TIMEOUT, PG_QUERY_FAILED, ABORTED.
 */
export async function repointToPrimary(options: RepointToPrimaryOptions): Promise<RepointToPrimaryResult> {
  requirePostgresUrl(options.primaryUrl);
  const target = redactUrl(options.primaryUrl);
  const timeoutMs = options.timeoutMs ?? DEFAULT_CHECK_TIMEOUT_MS;
  const limits = { timeoutMs, ...(options.signal ? { signal: options.signal } : {}) };
  const client = await connect(options.primaryUrl, { applicationName: 'catdb pgbouncer repoint', ...limits });
  let inRecovery: boolean;
  try {
    inRecovery = (await client.query('select pg_is_in_recovery() as r')).rows[0].r;
  } catch (err) {
    throwIfAborted(options.signal);
    throw mapPgError(err, { what: 'Could not read the new primary', target });
  } finally {
    await client.end().catch(() => {});
  }
  if (inRecovery) {
    throw new CatdbError('PGBOUNCER_CONFIG', `${target} is a standby (in recovery): PgBouncer's writers would only get errors there`, {
      hint: 'Promote it first (catdb replica promote --replica <its URL>), or give --primary the server that accepts writes. Nothing was changed.',
      details: { primary: target },
    });
  }
  const url = parse(options.primaryUrl);
  const to = { host: url.host ?? '127.0.0.1', port: Number(url.port ?? 5432) };
  const moved = await repointPgbouncer({ dir: options.dir, to, ...limits, ...(options.onEvent ? { onEvent: options.onEvent } : {}) });
  return { dir: options.dir, ...moved, to: `${to.host}:${to.port}` };
}
