import type pg from 'pg';
import { CatdbError } from '../errors.js';
import { createOnce } from './create-once.js';
import { mapPgError } from './map-pg-error.js';

/** Bumped when the state tables change shape; kept in the schema comment. */
export const STATE_SCHEMA_VERSION = 1;

const DDL = [
  `CREATE TABLE catdb.migration_run (
     run_id uuid PRIMARY KEY,
     source_path text NOT NULL,
     source_size bigint NOT NULL,
     source_mtime timestamptz NOT NULL,
     schema_hash text NOT NULL,
     target_schema text NOT NULL,
     status text NOT NULL CHECK (status IN ('loading', 'complete', 'abandoned')),
     started_at timestamptz NOT NULL DEFAULT now(),
     finished_at timestamptz
   )`,
  `CREATE INDEX migration_run_schema_idx ON catdb.migration_run (target_schema, started_at)`,
  `CREATE TABLE catdb.migration_state (
     run_id uuid NOT NULL REFERENCES catdb.migration_run ON DELETE CASCADE,
     source_table text NOT NULL,
     target_table text NOT NULL,
     status text NOT NULL CHECK (status IN ('pending', 'done')),
     rows bigint,
     rejected bigint,
     checksum text,
     started_at timestamptz,
     finished_at timestamptz,
     PRIMARY KEY (run_id, source_table)
   )`,
];

/**
 * Creates the `catdb` schema and its state tables when they are missing. Existence is
 * checked first, so a role without CREATE on the database can still use a `catdb`
 * schema an administrator created. Concurrent runs serialise on an advisory lock.
 *
 * Errors: PG_PERMISSION_DENIED (cannot create the schema), PG_*.
 */
export async function ensureStateTables(client: pg.Client): Promise<void> {
  try {
    await createOnce(client, 'catdb.migration_state', async () => {
      const schema = await client.query<{ ok: boolean }>(`SELECT to_regnamespace('catdb') IS NOT NULL AS ok`);
      if (!schema.rows[0]?.ok) {
        await client.query('CREATE SCHEMA catdb');
        await client.query(`COMMENT ON SCHEMA catdb IS 'catdb migration state, version ${STATE_SCHEMA_VERSION}'`);
      }
      for (const sql of DDL) await client.query(sql);
    });
  } catch (err) {
    const mapped = mapPgError(err, { what: 'Creating the catdb state schema (progress of the migration, used by --resume) failed' });
    if (mapped.code === 'PG_PERMISSION_DENIED') {
      throw new CatdbError(mapped.code, mapped.message, {
        hint: 'catdb records its progress in a schema named catdb. Connect as a role with CREATE on the database, or have an administrator run CREATE SCHEMA catdb AUTHORIZATION <your role>.',
        details: mapped.details,
        cause: err,
      });
    }
    throw mapped;
  }
}
