import type pg from 'pg';
import { ensureStateTables } from '../pg/ensure-state-tables.js';
import { createOnce } from '../pg/create-once.js';
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
    await createOnce(client, 'catdb.online_run', async () => {
      for (const sql of DDL) await client.query(sql);
    });
  } catch (err) {
    throw mapPgError(err, { what: 'Creating catdb.online_run (the state of online migrations) failed' });
  }
}
