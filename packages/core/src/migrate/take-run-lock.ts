import { setTimeout as sleep } from 'node:timers/promises';
import type pg from 'pg';
import { CatdbError, throwIfAborted } from '../errors.js';
import { connect } from '../pg/connect.js';
import { mapPgError } from '../pg/map-pg-error.js';
import type { MigrateOptions } from './migrate-options.js';

/**
 * application_name of the connection holding a run's lock, followed by the run's start time.
 * pg_stat_activity shows application_name to every role (backend_start only to the same
 * role), so any other run can say since when this one has been running.
 */
const HOLDER_NAME = 'catdb migrate since ';
/** How often a waiting run asks for the lock again. */
const POLL_MS = 1000;
/** Deadline of each query on the lock's connection. */
const QUERY_MS = 15_000;

/** The run holding the lock, as far as the server tells. */
export interface OtherRun {
  /** ISO time the other run took the lock; null when the server does not say. */
  startedAt: string | null;
  /** Its server process, for pg_terminate_backend; null when it is gone. */
  pid: number | null;
}

export interface RunLock {
  /** Ends the lock's connection, which releases the lock. Never throws. */
  release(): Promise<void>;
}

/**
 * Takes the lock that lets one migration at a time into `options.schema` of the target's database:
 * a session-level advisory lock keyed on hashtext('catdb:' || schema), on a connection of its
 * own that stays open for the whole run. A run that is killed loses the lock with its
 * connection, so nothing stale is left behind.
 *
 * With `wait`, polls until the other run ends, reporting `waiting-for-run`.
 *
 * Errors: MIGRATION_IN_PROGRESS (another run holds it and `wait` is off), ABORTED (while
 * waiting), PG_*.
 */
export async function takeRunLock(options: Pick<MigrateOptions, 'target' | 'schema' | 'wait' | 'signal' | 'onEvent'>): Promise<RunLock> {
  const schema = options.schema ?? 'public';
  const startedAt = new Date().toISOString();
  const client = await connect(options.target, { applicationName: HOLDER_NAME + startedAt, ...(options.signal ? { signal: options.signal } : {}) });
  const release = async (): Promise<void> => {
    await client.end().catch(() => {});
  };
  const key = `catdb:${schema}`;
  try {
    // The connection idles for the whole run; a server-side idle timeout must not end it (PostgreSQL 14+).
    await query(client, `SELECT set_config('idle_session_timeout', '0', false) WHERE current_setting('server_version_num')::int >= 140000`);
    let reported: OtherRun | undefined;
    for (let gone = 0; ; ) {
      const got = await query<{ ok: boolean }>(client, 'SELECT pg_try_advisory_lock(hashtext($1)) AS ok', [key]);
      if (got.rows[0]?.ok) return { release };
      const other = await otherRun(client, key);
      // The holder ended between the two queries: ask again at once.
      if (other.pid === null && gone++ < 3) continue;
      if (!options.wait) {
        throw new CatdbError('MIGRATION_IN_PROGRESS', `Another catdb migration into schema "${schema}" of this database is running (started ${other.startedAt ?? 'at a time the server does not show'}${other.pid !== null ? `, server process ${other.pid}` : ''}); nothing was changed`, {
          hint: 'Let it finish, or run again with --wait to start as soon as it ends.',
          details: { schema, ...other },
        });
      }
      if (reported?.pid !== other.pid || reported?.startedAt !== other.startedAt) options.onEvent?.({ type: 'waiting-for-run', schema, ...other });
      reported = other;
      await sleep(POLL_MS, undefined, options.signal ? { signal: options.signal } : {}).catch(() => {});
      throwIfAborted(options.signal);
    }
  } catch (err) {
    await release();
    throwIfAborted(options.signal);
    throw mapPgError(err, { what: `Taking the migration lock of schema "${schema}" failed` });
  }
}

function query<R extends pg.QueryResultRow>(client: pg.Client, text: string, values: unknown[] = []): Promise<pg.QueryResult<R>> {
  return client.query<R>({ text, values, query_timeout: QUERY_MS } as pg.QueryConfig);
}

/** Who holds the lock: the advisory lock's row in pg_locks (a bigint key is classid:objid), and its session. */
async function otherRun(client: pg.Client, key: string): Promise<OtherRun> {
  const res = await query<{ pid: number | null; name: string | null; since: Date | null }>(
    client,
    `SELECT l.pid, a.application_name AS name, a.backend_start AS since
       FROM pg_catalog.pg_locks l
       LEFT JOIN pg_catalog.pg_stat_activity a ON a.pid = l.pid
      WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 1
        AND l.database = (SELECT oid FROM pg_catalog.pg_database WHERE datname = current_database())
        AND l.classid = ((hashtext($1)::bigint >> 32) & 4294967295)::oid
        AND l.objid = (hashtext($1)::bigint & 4294967295)::oid
      LIMIT 1`,
    [key],
  );
  const row = res.rows[0];
  if (!row) return { startedAt: null, pid: null };
  const startedAt = row.name?.startsWith(HOLDER_NAME) ? row.name.slice(HOLDER_NAME.length) : (row.since?.toISOString() ?? null);
  return { startedAt, pid: row.pid };
}
