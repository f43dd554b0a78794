import type pg from 'pg';
import { ensureStateTables } from '../pg/ensure-state-tables.js';
import { mapPgError } from '../pg/map-pg-error.js';

const DDL = [
  `CREATE TABLE catdb.online_run (
     run_id uuid PRIMARY KEY,
     install_id text NOT NULL UNIQUE,
     source_path text NOT NULL,
     target_schema text NOT NULL,
     status text NOT NULL CHECK (status IN ('copying', 'following', 'cutting-over', 'done', 'aborted')),
     follow_plan jsonb,
     applied_seq bigint NOT NULL DEFAULT 0,
     applied_changes bigint NOT NULL DEFAULT 0,
     changed_tables text[] NOT NULL DEFAULT '{}',
     apply_rate double precision,
     cutover_requested_at timestamptz,
     cutover jsonb,
     started_at timestamptz NOT NULL DEFAULT now(),
     updated_at timestamptz NOT NULL DEFAULT now(),
     finished_at timestamptz
   )`,
  // One online migration at a time per target schema.
  `CREATE UNIQUE INDEX online_run_active_idx ON catdb.online_run (target_schema) WHERE status NOT IN ('done', 'aborted')`,
];

/**
 * Creates `catdb.online_run` (next to the tables --resume uses) when it is missing. Like
 * ensureStateTables: existence first, then creation under an advisory lock.
 *
 * Errors: PG_PERMISSION_DENIED, PG_*.
 */
export async function ensureOnlineTables(client: pg.Client): Promise<void> {
  await ensureStateTables(client);
  try {
    const present = await client.query<{ ok: boolean }>(`SELECT to_regclass('catdb.online_run') IS NOT NULL AS ok`);
    if (present.rows[0]?.ok) return;
    await client.query('BEGIN');
    try {
      await client.query(`SELECT pg_advisory_xact_lock(hashtext('catdb.online_run'))`);
      const again = await client.query<{ ok: boolean }>(`SELECT to_regclass('catdb.online_run') IS NOT NULL AS ok`);
      if (!again.rows[0]?.ok) for (const sql of DDL) await client.query(sql);
      await client.query('COMMIT');
    } catch (err) {
      await client.query('ROLLBACK').catch(() => {});
      throw err;
    }
  } catch (err) {
    throw mapPgError(err, { what: 'Creating catdb.online_run (the state of online migrations) failed' });
  }
}
