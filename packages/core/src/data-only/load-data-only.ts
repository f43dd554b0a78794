import type pg from 'pg';
import type { ColumnCodec } from '../codec/column-codec.js';
import { copyTable } from '../copy/copy-table.js';
import type { RejectRecord } from '../copy/reject-record.js';
import { CatdbError, throwIfAborted } from '../errors.js';
import type { MigrationEvent } from '../migrate/migration-event.js';
import { applyStatement } from '../pg/apply-statement.js';
import { mapPgError } from '../pg/map-pg-error.js';
import { quoteIdent, quoteQualified } from '../pg/quote-ident.js';
import type { SqliteDatabase } from '../sqlite/open-sqlite.js';
import { pgNormalizer } from '../verify/pg-normalizer.js';
import { probeLookup3 } from '../verify/probe-lookup3.js';
import { verifyTable } from '../verify/verify-table.js';
import type { TableVerification } from '../verify/table-verification.js';
import type { DataOnlyPlan, DataOnlyTable } from './data-only-plan.js';
import { resetSequences } from './reset-sequences.js';
import type { SequenceReset } from './sequence-reset.js';
import type { DataOnlyTableResult } from './data-only-table-result.js';

export interface LoadDataOnlyOptions {
  codecs: ReadonlyMap<string, ColumnCodec[]>;
  /** Empty every loaded table first (in the same transaction). */
  truncate: boolean;
  /** Target tables that keep their rows: loaded through a staging table with ON CONFLICT DO NOTHING. */
  merge: ReadonlySet<string>;
  verify: boolean;
  signal?: AbortSignal;
  emit: (e: MigrationEvent) => void;
  onReject: (r: RejectRecord) => void;
}

export interface LoadDataOnlyResult {
  tables: DataOnlyTableResult[];
  sequences: SequenceReset[];
  verification?: { ok: boolean; tables: TableVerification[] };
}

/**
 * Loads every planned table in ONE transaction, parents first: either all rows arrive,
 * sequences are reset and the values verified, or nothing changes. Foreign keys inside
 * a cycle are deferred (DEFERRABLE) or dropped and re-created from their definition
 * before COMMIT (NOT DEFERRABLE), which checks every row again.
 *
 * Errors: COPY_VALUE_REJECTED, PG_*, VERIFY_MISMATCH (the transaction is rolled back), ABORTED.
 */
export async function loadDataOnly(client: pg.Client, db: SqliteDatabase, plan: DataOnlyPlan, o: LoadDataOnlyOptions): Promise<LoadDataOnlyResult> {
  const q = (t: string): string => quoteQualified(plan.schema, t);
  const results: DataOnlyTableResult[] = [];
  const staged = new Map<string, string>();
  const run = async (what: string, text: string, values?: unknown[]): Promise<pg.QueryResult> => {
    try {
      return await applyStatement(client, text, values);
    } catch (err) {
      throw mapPgError(err, { what, details: { sql: text } });
    }
  };
  await client.query('BEGIN');
  try {
    const deferrable = plan.cycleForeignKeys.filter((f) => f.deferrable);
    const dropped = plan.cycleForeignKeys.filter((f) => !f.deferrable);
    if (deferrable.length) await run('Deferring foreign keys of a cycle', `SET CONSTRAINTS ${deferrable.map((f) => quoteQualified(plan.schema, f.name)).join(', ')} DEFERRED`);
    for (const f of dropped) await run(`Dropping ${f.name} for the load`, `ALTER TABLE ${q(f.table)} DROP CONSTRAINT ${quoteIdent(f.name)}`);
    if (o.truncate && plan.tables.length) await run('Emptying the target tables', `TRUNCATE ${plan.tables.map((t) => q(t.target)).join(', ')}`);

    for (const [i, table] of plan.tables.entries()) {
      throwIfAborted(o.signal);
      const merge = o.merge.has(table.target);
      const stage = `catdb_stage_${i}`;
      if (merge) staged.set(table.target, stage);
      results.push(await loadOne(client, db, plan, table, merge ? stage : undefined, o));
    }

    for (const f of dropped) await run(`Re-creating ${f.name} (checks every row)`, `ALTER TABLE ${q(f.table)} ADD CONSTRAINT ${quoteIdent(f.name)} ${f.definition}`);
    if (deferrable.length) await run('Checking deferred foreign keys', 'SET CONSTRAINTS ALL IMMEDIATE');
    o.emit({ type: 'step', step: 'sequences', status: 'start' });
    const sequences = await resetSequences(client, plan);
    for (const s of sequences) o.emit({ type: 'sequence-reset', ...s });
    o.emit({ type: 'step', step: 'sequences', status: 'done' });

    let verification: LoadDataOnlyResult['verification'];
    if (o.verify) {
      o.emit({ type: 'step', step: 'verify', status: 'start' });
      verification = await verifyLoaded(client, db, plan, staged, o);
      o.emit({ type: 'step', step: 'verify', status: 'done' });
      if (!verification.ok) {
        const bad = verification.tables.filter((t) => !t.ok);
        throw new CatdbError('VERIFY_MISMATCH', `Verification failed for ${bad.map((t) => `${t.table} (source ${t.sourceRows - t.rejected} rows, target ${t.targetRows})`).join(', ')}; the load was rolled back`, {
          hint: 'Nothing was changed. Check for concurrent writes to these tables and run again.',
          details: { tables: bad },
        });
      }
    }
    await run('Committing the load', 'COMMIT');
    return { tables: results, sequences, ...(verification ? { verification } : {}) };
  } catch (err) {
    await client.query('ROLLBACK').catch(() => {});
    if (o.signal?.aborted && !(err instanceof CatdbError && err.code === 'ABORTED')) {
      throw new CatdbError('ABORTED', 'The data-only load was interrupted; its transaction was rolled back', { cause: err });
    }
    throw err;
  }
}

async function loadOne(client: pg.Client, db: SqliteDatabase, plan: DataOnlyPlan, table: DataOnlyTable, stage: string | undefined, o: LoadDataOnlyOptions): Promise<DataOnlyTableResult> {
  const t0 = performance.now();
  const codecs = o.codecs.get(table.source)!;
  const cols = codecs.map((c) => quoteIdent(c.target)).join(', ');
  o.emit({ type: 'table-start', table: table.source, rows: table.rowCount });
  let lastReport = 0;
  const out = await copyTable(client, db, {
    schema: stage ? 'pg_temp' : plan.schema,
    source: table.source,
    target: stage ?? table.target,
    readKey: table.readKey,
    codecs,
    before: stage ? [`CREATE TEMP TABLE ${quoteIdent(stage)} ON COMMIT DROP AS SELECT ${cols} FROM ${quoteQualified(plan.schema, table.target)} WITH NO DATA`] : [],
    // FREEZE needs a table created or truncated in this transaction.
    freeze: Boolean(stage) || o.truncate,
    inTransaction: true,
    ...(o.signal ? { signal: o.signal } : {}),
    onReject: o.onReject,
    onProgress: (rows, bytes) => {
      const now = performance.now();
      if (now - lastReport > 200) {
        lastReport = now;
        o.emit({ type: 'table-progress', table: table.source, rows, totalRows: table.rowCount, bytes });
      }
    },
  });
  let inserted = out.rows;
  let kept = 0;
  let keptDifferent = 0;
  if (stage) {
    const target = quoteQualified(plan.schema, table.target);
    const staged = quoteQualified('pg_temp', stage);
    try {
      inserted = (await applyStatement(client, `INSERT INTO ${target} (${cols}) SELECT ${cols} FROM ${staged} ON CONFLICT DO NOTHING`)).rowCount ?? 0;
      kept = out.rows - inserted;
      if (kept > 0) {
        const norm = codecs.map((c) => pgNormalizer(c.kind, quoteIdent(c.target))).join(', ');
        const diff = await applyStatement<{ n: string }>(client, `SELECT count(*)::text AS n FROM (SELECT ${norm} FROM ${staged} EXCEPT ALL SELECT ${norm} FROM ${target}) d`);
        keptDifferent = Number(diff.rows[0]!.n);
      }
    } catch (err) {
      throw mapPgError(err, { what: `Adding the rows of ${table.source} to ${table.target}`, details: { table: table.source } });
    }
    if (kept > 0) o.emit({ type: 'rows-kept', table: table.source, kept, different: keptDifferent });
  }
  const ms = Math.round(performance.now() - t0);
  o.emit({ type: 'table-done', table: table.source, rows: inserted, bytes: out.bytes, rejected: out.rejected, ms });
  return { table: table.source, target: table.target, how: stage ? 'merge' : 'copy', rows: out.rows, inserted, kept, keptDifferent, rejected: out.rejected, bytes: out.bytes, ms };
}

/**
 * Compares converted source values with what the transaction holds: each table by count
 * and checksum; a merged table against its staging table (exactly what was offered),
 * the INSERT … SELECT having copied those rows unchanged.
 */
async function verifyLoaded(client: pg.Client, db: SqliteDatabase, plan: DataOnlyPlan, staged: ReadonlyMap<string, string>, o: LoadDataOnlyOptions): Promise<{ ok: boolean; tables: TableVerification[] }> {
  const tables: TableVerification[] = [];
  const algorithm = (await probeLookup3(client)) ? 'lookup3' : 'md5';
  for (const t of plan.tables) {
    throwIfAborted(o.signal);
    const stage = staged.get(t.target);
    const v = await verifyTable(db, client, {
      schema: stage ? 'pg_temp' : plan.schema,
      source: t.source,
      target: stage ?? t.target,
      readKey: t.readKey,
      codecs: o.codecs.get(t.source)!,
      algorithm,
      ...(o.signal ? { signal: o.signal } : {}),
    });
    const result = { ...v, target: t.target };
    tables.push(result);
    o.emit({ type: 'verify-table', table: v.table, ok: v.ok, sourceRows: v.sourceRows, targetRows: v.targetRows, rejected: v.rejected, ms: v.ms });
  }
  return { ok: tables.every((t) => t.ok), tables };
}
