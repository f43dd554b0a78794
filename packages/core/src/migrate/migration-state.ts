import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type pg from 'pg';
import { CatdbError } from '../errors.js';
import type { CatdbStateTables } from '../pg/catdb-state-tables.js';
import { ensureStateTables } from '../pg/ensure-state-tables.js';
import { compileOnlyKysely, runCompiled } from '../pg/compile-only-kysely.js';
import { mapPgError } from '../pg/map-pg-error.js';
import type { SourceIdentity } from './source-identity.js';

/** A statement with its parameters, for a client that is inside a transaction. */
export interface BoundStatement {
  text: string;
  values: unknown[];
}

/** The run a migration records its progress in (`catdb.migration_run` / `catdb.migration_state`). */
export interface MigrationState {
  runId: string;
  /** True when an unfinished run was re-opened (`--resume`). */
  resumed: boolean;
  /** Tables whose rows an earlier attempt of this run committed, by source name. */
  done: ReadonlyMap<string, { rows: number; rejected: number }>;
  /** The statement that marks a table done; run it in the table's load transaction, before COMMIT. */
  markDone(sourceTable: string, loaded: { rows: number; rejected: number }): BoundStatement;
  /** Stores the verified target checksum of each table. */
  recordChecksums(client: pg.Client, tables: readonly { table: string; targetChecksum: string }[]): Promise<void>;
  /** Marks the run complete; a later run without --resume starts fresh. */
  complete(client: pg.Client): Promise<void>;
}

export interface OpenStateOptions {
  schema: string;
  tables: readonly { source: string; target: string }[];
  identity: SourceIdentity;
  /** Re-open the newest unfinished run of the schema instead of starting one. */
  resume: boolean;
  /** `--if-exists drop`: an unfinished run is abandoned instead of refused. */
  replace: boolean;
  /** Called before a new run is recorded (not on resume); may throw to refuse. */
  beforeNewRun?: () => void;
}

/**
 * Starts a run, or re-opens the unfinished one with `resume`, in the target's `catdb`
 * schema (created when missing). Without `resume`, an unfinished run of the same
 * schema stops the migration before any change, unless `replace` abandons it.
 *
 * Errors: RESUME_NO_RUN, RESUME_UNFINISHED_RUN, RESUME_SOURCE_CHANGED, PG_*.
 */
export async function openMigrationState(client: pg.Client, o: OpenStateOptions): Promise<MigrationState> {
  await ensureStateTables(client);
  const db = compileOnlyKysely<CatdbStateTables>();
  try {
    const [unfinished] = await runCompiled(client, db.selectFrom('catdb.migration_run').selectAll().where('target_schema', '=', o.schema).where('status', '=', 'loading').orderBy('started_at', 'desc').limit(1));
    const done = new Map<string, { rows: number; rejected: number }>();
    let runId: string;
    if (o.resume) {
      if (!unfinished) {
        throw new CatdbError('RESUME_NO_RUN', `There is no unfinished migration into schema ${o.schema} to resume`, {
          hint: 'Run without --resume (add --if-exists drop to replace tables that already exist).',
          details: { schema: o.schema },
        });
      }
      const changed = [
        Number(unfinished.source_size) !== o.identity.size ? `size ${unfinished.source_size} → ${o.identity.size} bytes` : '',
        unfinished.source_mtime.getTime() !== o.identity.mtime.getTime() ? `modified ${unfinished.source_mtime.toISOString()} → ${o.identity.mtime.toISOString()}` : '',
        unfinished.schema_hash !== o.identity.schemaHash ? 'schema changed' : '',
      ].filter(Boolean);
      if (changed.length > 0) {
        throw new CatdbError('RESUME_SOURCE_CHANGED', `The SQLite file changed since the unfinished run ${unfinished.run_id} started (${changed.join(', ')}); resuming would mix two versions of the data`, {
          hint: 'Start over with --if-exists drop (without --resume).',
          details: { runId: unfinished.run_id, recorded: { path: unfinished.source_path, size: unfinished.source_size, mtime: unfinished.source_mtime }, now: o.identity },
        });
      }
      runId = unfinished.run_id;
      const rows = await runCompiled(client, db.selectFrom('catdb.migration_state').select(['source_table', 'status', 'rows', 'rejected']).where('run_id', '=', runId));
      for (const r of rows) if (r.status === 'done') done.set(r.source_table, { rows: Number(r.rows ?? 0), rejected: Number(r.rejected ?? 0) });
      const known = new Set(rows.map((r) => r.source_table));
      const missing = o.tables.filter((t) => !known.has(t.source));
      if (missing.length > 0) {
        await runCompiled(client, db.insertInto('catdb.migration_state').values(missing.map((t) => ({ run_id: runId, source_table: t.source, target_table: t.target, status: 'pending' as const }))));
      }
    } else {
      if (unfinished && !o.replace) {
        const [count] = await runCompiled(client, db.selectFrom('catdb.migration_state').select([sql<string>`count(*) FILTER (WHERE status = 'done')`.as('done'), sql<string>`count(*)`.as('total')]).where('run_id', '=', unfinished.run_id));
        // A run that loaded nothing (e.g. stopped by a bad value) has nothing to keep: start afresh.
        if (Number(count?.done ?? 0) > 0) {
          throw new CatdbError('RESUME_UNFINISHED_RUN', `An unfinished migration into schema ${o.schema} exists (run ${unfinished.run_id}, started ${unfinished.started_at.toISOString()} from ${unfinished.source_path}, ${count?.done} of ${count?.total} tables loaded); nothing was changed`, {
            hint: 'Finish it with --resume, or start over with --if-exists drop.',
            details: { runId: unfinished.run_id, schema: o.schema, doneTables: Number(count?.done), tables: Number(count?.total) },
          });
        }
      }
      o.beforeNewRun?.();
      runId = randomUUID();
      await client.query('BEGIN');
      try {
        if (unfinished) await runCompiled(client, db.updateTable('catdb.migration_run').set({ status: 'abandoned', finished_at: sql`now()` }).where('target_schema', '=', o.schema).where('status', '=', 'loading'));
        await runCompiled(
          client,
          db.insertInto('catdb.migration_run').values({ run_id: runId, source_path: o.identity.path, source_size: o.identity.size, source_mtime: o.identity.mtime, schema_hash: o.identity.schemaHash, target_schema: o.schema, status: 'loading' }),
        );
        if (o.tables.length > 0) await runCompiled(client, db.insertInto('catdb.migration_state').values(o.tables.map((t) => ({ run_id: runId, source_table: t.source, target_table: t.target, status: 'pending' as const }))));
        await client.query('COMMIT');
      } catch (err) {
        await client.query('ROLLBACK').catch(() => {});
        throw err;
      }
    }
    return {
      runId,
      resumed: o.resume,
      done,
      markDone(sourceTable, loaded) {
        const q = db
          .updateTable('catdb.migration_state')
          // now() is the start of the load transaction; clock_timestamp() its end.
          .set({ status: 'done', rows: loaded.rows, rejected: loaded.rejected, started_at: sql`now()`, finished_at: sql`clock_timestamp()` })
          .where('run_id', '=', runId)
          .where('source_table', '=', sourceTable)
          .compile();
        return { text: q.sql, values: [...q.parameters] };
      },
      async recordChecksums(c, tables) {
        for (const t of tables) await runCompiled(c, db.updateTable('catdb.migration_state').set({ checksum: t.targetChecksum }).where('run_id', '=', runId).where('source_table', '=', t.table));
      },
      async complete(c) {
        await runCompiled(c, db.updateTable('catdb.migration_run').set({ status: 'complete', finished_at: sql`now()` }).where('run_id', '=', runId));
      },
    };
  } catch (err) {
    throw mapPgError(err, { what: 'Reading the migration state (catdb.migration_run) failed' });
  }
}
