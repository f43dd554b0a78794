import type { ColumnCodec } from '../codec/column-codec.js';
import { isLocalServerUrl } from '../local/is-local-server-url.js';
import { runStep } from './run-step.js';
import type { RejectRecord } from '../copy/reject-record.js';
import { buildDataOnlyReport, describeOrphan, type DataOnlyReport } from '../data-only/build-data-only-report.js';
import type { DataOnlyPlan } from '../data-only/data-only-plan.js';
import { findOrphans, type RowRef } from '../data-only/find-orphans.js';
import { leaveOutRows } from '../data-only/leave-out-rows.js';
import { loadDataOnly } from '../data-only/load-data-only.js';
import type { DataOnlyTableResult } from '../data-only/data-only-table-result.js';
import { planDataOnly } from '../data-only/plan-data-only.js';
import { readExistingKeys } from '../data-only/read-existing-keys.js';
import { readTargetCatalog } from '../data-only/read-target-catalog.js';
import type { SequenceReset } from '../data-only/sequence-reset.js';
import { scanSource } from '../data-only/scan-source.js';
import type { TargetCatalog } from '../data-only/target-catalog.js';
import { CatdbError, isCatdbError, throwIfAborted } from '../errors.js';
import { applyStatement } from '../pg/apply-statement.js';
import { mapPgError } from '../pg/map-pg-error.js';
import { quoteQualified } from '../pg/quote-ident.js';
import { redactUrl } from '../pg/redact-url.js';
import { introspectSqlite } from '../sqlite/introspect-sqlite.js';
import { asSourceError, openSqlite } from '../sqlite/open-sqlite.js';
import { codecForTargetColumn } from '../verify/codecs-for-target.js';
import type { TableVerification } from '../verify/table-verification.js';
import { openClientPool } from '../pg/client-pool.js';
import type { MigrateOptions } from './migrate-options.js';
import type { MigrationEvent } from './migration-event.js';
import { takeRunLock } from './take-run-lock.js';

/** What `migrateSqliteToPg({ dataOnly: true })` returns: the report, the rows loaded, sequences reset, verification. */
export interface DataOnlyResult {
  dataOnly: true;
  dryRun: boolean;
  report: DataOnlyReport;
  tables: DataOnlyTableResult[];
  /** Rows added to the target. */
  rows: number;
  bytes: number;
  /** Rows left out (orphans with `orphans: 'skip'`), each in `rejects`. */
  rejected: number;
  rejects: RejectRecord[];
  sequences: SequenceReset[];
  verification?: { ok: boolean; tables: TableVerification[] };
  ms: number;
}

/**
 * Loads a SQLite database into tables that already exist in PostgreSQL (created by the
 * application's own migrations): matches tables and columns by name, converts every
 * value to the target column's type, reports everything that stops the load before any
 * change (unmatched tables/columns, required columns without a source, values that cannot
 * convert, orphan rows, tables that already hold rows), then loads every table in the
 * target's foreign-key order in ONE transaction, resets the sequences owned by loaded
 * columns past max(id) and sqlite_sequence, verifies the values and commits.
 *
 * Side effects: writes rows (TRUNCATE first with `existingRows: 'truncate'`), moves
 * sequences forward, ANALYZEs the loaded tables. Nothing at all with `dryRun`. Never prints.
 * Holds the schema's migration lock like a full migration (see takeRunLock and `wait`).
 * Errors: PLAN_DATA_ONLY_BLOCKED (details.report holds the full report), USAGE_INVALID_OPTION,
 * SQLITE_*, PG_*, VERIFY_MISMATCH, MIGRATION_IN_PROGRESS, ABORTED. After any error the target is unchanged.
 */
export async function migrateDataOnly(options: MigrateOptions): Promise<DataOnlyResult> {
  if (options.casts?.length) throw new CatdbError('USAGE_INVALID_OPTION', '--cast does not apply to --data-only: values are converted to the existing target column types');
  if (options.strictTypes) throw new CatdbError('USAGE_INVALID_OPTION', '--strict-types does not apply to --data-only: the target tables already have their types, and every value that does not convert is reported before the load');
  if (options.onError === 'skip-row') throw new CatdbError('USAGE_INVALID_OPTION', '--on-error skip-row is not available with --data-only: every value that cannot convert is reported before the load');
  if (options.ifExists === 'drop') throw new CatdbError('USAGE_INVALID_OPTION', '--if-exists drop does not apply to --data-only; use --existing-rows truncate to replace rows');
  const lock = options.dryRun ? undefined : await takeRunLock(options);
  let committed = false;
  try {
    return await loadIntoExistingTables(options, () => (committed = true));
  } catch (err) {
    if (options.signal?.aborted && (committed || !isCatdbError(err, 'ABORTED'))) {
      const what = committed ? 'after its rows were committed; ANALYZE of the loaded tables did not finish' : '; its transaction was rolled back, so the target is unchanged';
      throw new CatdbError('ABORTED', `The data-only load into schema ${options.schema ?? 'public'} was interrupted${what}`, { cause: err });
    }
    throw asSourceError(err, options.source);
  } finally {
    await lock?.release();
  }
}

async function loadIntoExistingTables(options: MigrateOptions, onCommitted: () => void): Promise<DataOnlyResult> {
  const started = performance.now();
  const emit = (e: MigrationEvent): void => options.onEvent?.(e);
  const { signal } = options;
  const existingMode = options.existingRows ?? 'error';
  const orphanMode = options.orphans ?? 'error';
  const schemaName = options.schema ?? 'public';
  const t0 = performance.now();
  const db = openSqlite(options.source, { integrityCheck: Boolean(options.checkIntegrity) });
  try {
    const source = introspectSqlite(db, options.source);
    emit({ type: 'introspected', tables: source.tables.length, views: source.views.length, triggers: source.triggers.length, ms: Math.round(performance.now() - t0) });
    const pool = await openClientPool(options.target, 1, signal);
    try {
      const client = pool.clients[0]!;
      emit({ type: 'target', url: redactUrl(options.target), schema: schemaName, embedded: isLocalServerUrl(options.target) });
      const catalog = await readTargetCatalog(client, schemaName);
      const plan = planDataOnly(source, catalog, { ...(options.include ? { include: options.include } : {}), ...(options.exclude ? { exclude: options.exclude } : {}), existingRows: existingMode });
      emit({ type: 'planned', tables: plan.tables.length, rows: plan.tables.reduce((n, t) => n + t.rowCount, 0), warnings: 0, decisions: 0, problems: plan.issues.length, tableRows: plan.tables.map((t) => ({ table: t.source, rows: t.rowCount })) });
      const codecs = codecsFor(plan, catalog, options.nul);
      const existingRows = await countRows(client, plan);

      const scan = await runStep(emit, 'scan', () => scanSource(db, plan, codecs, { ...(signal ? { signal } : {}) }), signal);
      const merged = new Set(plan.tables.filter((t) => existingMode === 'skip' && (existingRows.get(t.target) ?? 0) > 0).map((t) => t.target));
      const loaded = new Set(plan.tables.map((t) => t.target));
      // Parents whose rows stay in the target: not loaded at all, or merged into.
      const keepsRows = plan.foreignKeys.filter((f) => f.parentSchema !== plan.schema || !loaded.has(f.parentTable) || merged.has(f.parentTable));
      const childCodecs = (fk: (typeof plan.foreignKeys)[number]): ColumnCodec[] | undefined => {
        const t = plan.tables.find((x) => x.target === fk.table)!;
        const list = fk.columns.map((c) => codecs.get(t.source)!.find((x) => x.target === c));
        return list.every(Boolean) ? (list as ColumnCodec[]) : undefined;
      };
      const existingKeys = await readExistingKeys(client, keepsRows, childCodecs);
      const orphans = findOrphans(scan.references, scan.parents, existingKeys, orphanMode === 'skip');
      const report = buildDataOnlyReport(plan, { existingRows, badValues: scan.badValues, badValueCount: scan.badValueCount, rounded: scan.rounded, orphans }, { existingRows: existingMode, orphans: orphanMode });
      emit({ type: 'data-only-report', report });

      const result: DataOnlyResult = { dataOnly: true, dryRun: Boolean(options.dryRun), report, tables: [], rows: 0, bytes: 0, rejected: 0, rejects: [], sequences: [], ms: 0 };
      if (options.dryRun) {
        result.ms = Math.round(performance.now() - started);
        return result;
      }
      if (report.issues.length > 0) throw blockedError(report);
      throwIfAborted(signal);

      const loadCodecs = withOrphansLeftOut(plan, codecs, orphans);
      const out = await runStep(emit, 'load', () =>
        loadDataOnly(client, db, plan, {
          codecs: loadCodecs,
          truncate: existingMode === 'truncate',
          merge: merged,
          verify: options.verify !== false,
          ...(signal ? { signal } : {}),
          emit,
          onReject: (record) => {
            result.rejects.push(record);
            emit({ type: 'reject', record });
          },
        }),
      );
      onCommitted();
      await runStep(emit, 'analyze', async () => {
        for (const t of plan.tables) await applyStatement(client, `ANALYZE ${quoteQualified(plan.schema, t.target)}`);
      }, signal);
      result.tables = out.tables;
      result.sequences = out.sequences;
      if (out.verification) result.verification = out.verification;
      for (const t of out.tables) {
        result.rows += t.inserted;
        result.bytes += t.bytes;
        result.rejected += t.rejected;
      }
      result.ms = Math.round(performance.now() - started);
      return result;
    } finally {
      await pool.close();
    }
  } finally {
    db.close();
  }
}

function codecsFor(plan: DataOnlyPlan, catalog: TargetCatalog, nul: 'error' | 'strip' | undefined): Map<string, ColumnCodec[]> {
  const out = new Map<string, ColumnCodec[]>();
  for (const t of plan.tables) {
    const target = catalog.tables.get(t.target)!;
    out.set(t.source, t.columns.map((c) => codecForTargetColumn(c.source, target.columns.find((x) => x.name === c.target)!, nul)!));
  }
  return out;
}

async function countRows(client: import('pg').Client, plan: DataOnlyPlan): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  for (const t of plan.tables) {
    try {
      const res = await applyStatement<{ n: string }>(client, `SELECT count(*)::text AS n FROM ${quoteQualified(plan.schema, t.target)}`);
      out.set(t.target, Number(res.rows[0]!.n));
    } catch (err) {
      throw mapPgError(err, { what: `Counting the rows of ${t.target}`, details: { table: t.target } });
    }
  }
  return out;
}

function withOrphansLeftOut(plan: DataOnlyPlan, codecs: Map<string, ColumnCodec[]>, orphans: ReturnType<typeof findOrphans>): Map<string, ColumnCodec[]> {
  if (orphans.length === 0) return codecs;
  const out = new Map(codecs);
  for (const t of plan.tables) {
    const rows = new Map<RowRef, string>();
    for (const o of orphans) if (o.table === t.source && !rows.has(o.row)) rows.set(o.row, `orphan: ${describeOrphan(o)}`);
    if (rows.size === 0) continue;
    const fkColumns = new Set(plan.foreignKeys.filter((f) => f.table === t.target).flatMap((f) => f.columns));
    out.set(t.source, leaveOutRows(codecs.get(t.source)!, fkColumns, rows));
  }
  return out;
}

function blockedError(report: DataOnlyReport): CatdbError {
  const shown = report.issues.slice(0, 40).map((i) => `  - ${i.message}`);
  if (report.issues.length > shown.length) shown.push(`  … and ${report.issues.length - shown.length} more (see the report: --dry-run --json)`);
  const kinds = [...new Set(report.issues.map((i) => i.kind))];
  return new CatdbError('PLAN_DATA_ONLY_BLOCKED', `The data-only load cannot start; nothing was changed. ${report.issues.length} issue(s):\n${shown.join('\n')}`, {
    hint: kinds.includes('orphan')
      ? 'Fix the rows in SQLite, leave orphans out with --orphans skip, or --exclude tables/columns the target lacks; --dry-run prints the whole report.'
      : 'Fix the listed values or schema differences (or --exclude table / table.column), then run again; --dry-run prints the whole report.',
    details: { report },
  });
}
