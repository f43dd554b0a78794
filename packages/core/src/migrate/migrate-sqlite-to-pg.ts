import { availableParallelism } from 'node:os';
import { isLocalServerUrl } from '../local/is-local-server-url.js';
import { runStep } from './run-step.js';
import type pg from 'pg';
import { columnCodecs } from '../codec/column-codec.js';
import { copyTable } from '../copy/copy-table.js';
import { renderSqlCopyChunkQueries, type SqlChunkQueries } from '../copy/render-sql-copy-expression.js';
import type { RenderPool } from '../verify/render-pool.js';
import { probeLookup3 } from '../verify/probe-lookup3.js';
import { sourceChecksum } from '../verify/source-checksum.js';
import type { ChecksumAlgorithm } from '../verify/row-checksum.js';
import { renderSqlCanonicalQuery, type SqlCanonicalQuery } from '../verify/render-sql-canonical.js';
import type { RejectRecord } from '../copy/reject-record.js';
import { CatdbError, throwIfAborted } from '../errors.js';
import { quoteIdent, quoteQualified } from '../pg/quote-ident.js';
import { asServerError } from '../pg/map-pg-error.js';
import { applyStatement } from '../pg/apply-statement.js';
import { redactUrl } from '../pg/redact-url.js';
import { renderCreateTable } from '../plan/render-create-table.js';
import type { MigrationPlan, PlanWarning, TablePlan } from '../plan/migration-plan.js';
import { asSourceError, type SqliteDatabase } from '../sqlite/open-sqlite.js';
import { verifyTable, type TableVerification } from '../verify/verify-table.js';
import { forEachWithClients, openClientPool, type ClientPool } from '../pg/client-pool.js';
import { addForeignKeys, runPostLoadPhases } from './run-post-load.js';
import { overlongVarcharColumn } from './overlong-varchar-column.js';
import { decideAfterRejection } from './decide-after-rejection.js';
import { migrateDataOnly, type DataOnlyResult } from './migrate-data-only.js';
import type { MigrateOptions } from './migrate-options.js';
import type { MigrationEvent, MigrationStep } from './migration-event.js';
import { openMigrationState, type MigrationState } from './migration-state.js';
import { LEAN_PROFILE_ROWS, openRenderPool } from '../verify/open-render-pool.js';
import { preparePlanWithThreads } from './prepare-plan.js';
import { sourceIdentity } from './source-identity.js';
import { takeRunLock } from './take-run-lock.js';
import { readExistingConstraints } from '../pg/read-existing-constraints.js';
import { isFloat4Type } from '../codec/value-kind.js';
import { COMPAT_SCHEMA } from '../translate/compat-functions.js';
import { createTriggers } from './create-triggers.js';
import { incompleteObjects, type IncompleteObject } from './incomplete-objects.js';
import { incompleteSchemaError } from './incomplete-schema-error.js';

export interface TableLoadResult {
  table: string;
  target: string;
  rows: number;
  bytes: number;
  rejected: number;
  ms: number;
}

export interface MigrateResult {
  plan: MigrationPlan;
  dryRun: boolean;
  tables: TableLoadResult[];
  rows: number;
  bytes: number;
  rejected: number;
  rejects: RejectRecord[];
  warnings: PlanWarning[];
  verification?: { ok: boolean; tables: TableVerification[] };
  /** Objects of the source not created in the target (a dry run: those the plan already leaves out). */
  incomplete: IncompleteObject[];
  ms: number;
}

/**
 * Migrates a SQLite database into PostgreSQL: plan, create tables, COPY every table
 * (one transaction each, several in parallel), then keys, indexes, foreign keys,
 * sequences, views, ANALYZE, and verification of every table.
 *
 * Side effects: creates the schema and tables in the target (drops existing ones only
 * with `ifExists: 'drop'`). Never prints; progress goes to `onEvent`.
 * With `dataOnly: true` it loads rows into tables that already exist instead: see migrateDataOnly.
 * One migration at a time runs into a schema (see takeRunLock and `wait`).
 * Errors: CatdbError with SQLITE_*, MAP_*, PLAN_*, PG_*, COPY_*, VERIFY_MISMATCH, MIGRATION_IN_PROGRESS, ABORTED,
 * and MIGRATION_INCOMPLETE_SCHEMA after a committed load that left objects out (see allowIncompleteSchema).
 */
export async function migrateSqliteToPg(options: MigrateOptions & { dataOnly: true }): Promise<DataOnlyResult>;
export async function migrateSqliteToPg(options: MigrateOptions & { dataOnly?: false }): Promise<MigrateResult>;
export async function migrateSqliteToPg(options: MigrateOptions): Promise<MigrateResult | DataOnlyResult>;
export async function migrateSqliteToPg(options: MigrateOptions): Promise<MigrateResult | DataOnlyResult> {
  try {
    if (options.dataOnly) return await migrateDataOnly(options);
    const lock = options.dryRun ? undefined : await takeRunLock(options);
    try {
      return await migrateWholeDatabase(options);
    } finally {
      await lock?.release();
    }
  } catch (err) {
    throw asServerError(asSourceError(err, options.source), 'Migration failed');
  }
}

async function migrateWholeDatabase(options: MigrateOptions): Promise<MigrateResult> {
  // The step running, and whether the run is recorded: what an interruption tells the user.
  let step: MigrationStep | undefined;
  let recorded = false;
  const emit = (e: MigrationEvent): void => {
    if (e.type === 'step') step = e.status === 'start' ? e.step : undefined;
    options.onEvent?.(e);
  };
  const { signal } = options;
  try {
    return await runWholeMigration(options, emit, () => (recorded = true));
  } catch (err) {
    if (!signal?.aborted) throw err;
    const schema = options.schema ?? 'public';
    const what = recorded ? '; the statements it was running were cancelled and rolled back' : ' before it changed the target';
    throw new CatdbError('ABORTED', `The migration into schema ${schema} was interrupted${step ? ` in its ${step} step` : ''}${what}`, {
      hint: recorded ? 'The tables loaded so far are kept: run the same command with --resume to finish.' : 'Nothing was recorded in the target yet: run the same command again.',
      details: { schema, ...(step ? { step } : {}) },
      cause: err,
    });
  }
}

async function runWholeMigration(options: MigrateOptions, emit: (e: MigrationEvent) => void, onRecorded: () => void): Promise<MigrateResult> {
  const started = performance.now();
  const { signal } = options;
  const jobs = Math.max(1, options.jobs ?? Math.max(2, availableParallelism()));
  const { db, plan, renderPool: threads } = await preparePlanWithThreads(options, jobs);
  try {
    const result: MigrateResult = { plan, dryRun: Boolean(options.dryRun), tables: [], rows: 0, bytes: 0, rejected: 0, rejects: [], warnings: [...plan.warnings], incomplete: [], ms: 0 };
    const skipRows = options.onError === 'skip-row';
    if (plan.problems.length > 0 && !skipRows && !options.dryRun) throw problemsError(plan);
    emit({ type: 'target', url: redactUrl(options.target), schema: plan.schema, embedded: isLocalServerUrl(options.target) });
    const pool = await openClientPool(options.target, options.dryRun ? 1 : Math.min(jobs, Math.max(1, plan.tables.length)), signal);
    try {
      const first = pool.clients[0]!;
      const existing = await existingRelations(first, plan);
      if (options.dryRun) {
        for (const name of existing) result.warnings.push({ object: name, message: options.ifExists === 'drop' ? 'exists in the target and would be dropped' : 'exists in the target: the migration would stop (use --if-exists drop)' });
        result.incomplete = incompleteObjects(plan, result.warnings);
        result.ms = Math.round(performance.now() - started);
        return result;
      }
      const state = await openMigrationState(first, {
        schema: plan.schema,
        tables: plan.tables,
        identity: sourceIdentity(options.source, db),
        resume: Boolean(options.resume),
        replace: options.ifExists === 'drop',
        // Checked after an unfinished run is reported, before a new run is recorded.
        beforeNewRun: () => {
          if (existing.length > 0 && options.ifExists !== 'drop') {
            throw new CatdbError('PLAN_TARGET_EXISTS', `${existing.length} target relation(s) already exist in schema ${plan.schema}: ${existing.join(', ')}`, {
              hint: 'Nothing was changed. Use another --schema, drop them yourself, or run with --if-exists drop to replace them.',
              details: { schema: plan.schema, existing },
            });
          }
        },
      });
      onRecorded();
      await runStep(emit, 'create', async () => {
        await applyStatement(first, `CREATE SCHEMA IF NOT EXISTS ${quoteIdent(plan.schema)}`);
        // One statement per query; all catdb's own text, none from the source.
        for (const sql of plan.compat ?? []) await applyStatement(first, sql);
        if (options.ifExists === 'drop' || state.resumed) for (const v of plan.views) await applyStatement(first, `DROP VIEW IF EXISTS ${quoteQualified(plan.schema, v.target)} CASCADE`);
        // One statement for all tables: dropping them one per load transaction deadlocks on
        // the foreign keys between them (each DROP … CASCADE locks the other side).
        const replaced = plan.tables.filter((t) => (options.ifExists === 'drop' || state.resumed) && !state.done.has(t.source));
        if (replaced.length > 0) await applyStatement(first, `DROP TABLE IF EXISTS ${replaced.map((t) => quoteQualified(plan.schema, t.target)).join(', ')} CASCADE`);
      }, signal);

      // The threads that profiled the big tables render them, and later checksum them.
      await runStep(emit, 'load', () => loadTables(db, pool.clients, plan, options, result, emit, state, threads), signal);
      throwIfAborted(signal);
      // The source side of verification needs only the SQLite snapshot: the threads start on it
      // now, while the server builds keys and indexes and the client has little else to do.
      const loadedBytes = new Map(result.tables.map((t) => [t.table, t.bytes]));
      const verifying = options.verify !== false ? await startVerification(db, first, plan, options, threads, loadedBytes) : undefined;
      // A resumed run skips keys and indexes an earlier attempt created (reloaded tables lost theirs).
      const skip = state.resumed ? await readExistingConstraints(first, plan.schema) : new Set<string>();
      const postLoad = { clients: pool.clients, plan, db, warnings: result.warnings, emit, ...(signal ? { signal } : {}) };
      // A table an earlier attempt loaded reports no bytes: its rows give an estimate.
      const tableBytes = new Map(plan.tables.map((t) => [t.target, Math.max(loadedBytes.get(t.source) ?? 0, t.rowCount * 100)]));
      await runStep(emit, 'constraints', () => runPostLoadPhases({ ...postLoad, skip, tableBytes }, ['primary-key', 'unique', 'index', 'check']), signal);
      await runStep(emit, 'foreign-keys', () => addForeignKeys({ ...postLoad, skip }), signal);
      await runStep(emit, 'sequences', () => runPostLoadPhases(postLoad, ['sequence']), signal);
      await runStep(emit, 'views', () => createViews(first, plan, result, emit, signal), signal);
      await runStep(emit, 'triggers', () => createTriggers(first, plan, result, emit, options.ifExists === 'drop' || state.resumed, signal), signal);
      await runStep(emit, 'analyze', () => forEachWithClients(pool.clients, plan.tables, async (t, c) => void (await applyStatement(c, `ANALYZE ${quoteQualified(plan.schema, t.target)}`))), signal);
      if (verifying) {
        const verification = await runStep(emit, 'verify', () => verifyPlannedTables(db, pool.clients, plan, options, emit, threads, verifying), signal);
        result.verification = verification;
        await state.recordChecksums(first, verification.tables.filter((t) => t.ok));
        if (!verification.ok) {
          const bad = verification.tables.filter((t) => !t.ok);
          throw new CatdbError('VERIFY_MISMATCH', `Verification failed for ${bad.map((t) => `${t.table} (source ${t.sourceRows - t.rejected} rows, target ${t.targetRows})`).join(', ')}`, {
            hint: 'The target differs from the source. Run `catdb migrate verify` again to confirm, and check for writes to the target during the migration.',
            details: { tables: bad },
          });
        }
      }
      await state.complete(first);
    } finally {
      await pool.close();
    }
    result.incomplete = incompleteObjects(plan, result.warnings);
    result.ms = Math.round(performance.now() - started);
    // The data stays committed: the error only says that the schema is not whole.
    if (result.incomplete.length > 0 && !options.allowIncompleteSchema) throw incompleteSchemaError(plan.schema, result.incomplete);
    return result;
  } finally {
    await threads?.close();
    db.close();
  }
}

/** The SQLite-rendered COPY for a table whose every column SQLite can render exactly. */
function sqlChunkQueryFor(table: TablePlan): SqlChunkQueries | undefined {
  return renderSqlCopyChunkQueries(
    table.source,
    table.columns.map((c) => ({
      source: c.source,
      kind: c.kind,
      ...(c.scale !== undefined ? { scaled: true } : {}),
      ...(isFloat4Type(c.pgType) ? { float4: true } : {}),
      ...(c.target === table.serialColumn?.target ? { rowid: true } : {}),
    })),
    table.readKey.kind === 'rowid' ? ['rowid'] : table.readKey.columns,
  );
}

/** A value PostgreSQL refused (SQLSTATE class 22: bad input, out of range, bad encoding). */
function isDataError(err: unknown): boolean {
  const sqlstate = (err as { details?: { sqlstate?: string } }).details?.sqlstate ?? '';
  return sqlstate.startsWith('22');
}

function problemsError(plan: MigrationPlan): CatdbError {
  const lines = plan.problems.map((p) => `${p.table}.${p.column}: ${p.message} — fix: ${p.fix}`);
  return new CatdbError('MAP_MIXED_TYPES', `Some columns hold values their PostgreSQL type cannot carry; nothing was changed:\n  ${lines.join('\n  ')}`, {
    hint: 'Apply the suggested --cast rules, or use --on-error skip-row to leave the rows out (they are written to reject files); without --strict-types catdb picks types that carry every value.',
    details: { problems: plan.problems },
  });
}

async function existingRelations(client: pg.Client, plan: MigrationPlan): Promise<string[]> {
  const names = [...plan.tables.map((t) => t.target), ...plan.views.map((v) => v.target)];
  if (names.length === 0) return [];
  const res = await client.query<{ relname: string }>(
    `SELECT c.relname FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = $1 AND c.relname = ANY($2::text[]) AND c.relkind IN ('r','p','v','m','f') ORDER BY 1`,
    [plan.schema, names],
  );
  return res.rows.map((r) => r.relname);
}

async function loadTables(
  db: SqliteDatabase,
  clients: pg.Client[],
  plan: MigrationPlan,
  options: MigrateOptions,
  result: MigrateResult,
  emit: (e: MigrationEvent) => void,
  state: MigrationState,
  renderPool: RenderPool | undefined,
): Promise<void> {
  // Largest first, so the long tables start early and the small ones fill the gaps.
  const order = [...plan.tables].sort((a, b) => b.rowCount - a.rowCount);
  const skipRows = options.onError === 'skip-row';
  await forEachWithClients(clients, order, async (table, client) => {
    throwIfAborted(options.signal);
    const t0 = performance.now();
    const loaded = state.done.get(table.source);
    if (loaded) {
      result.tables.push({ table: table.source, target: table.target, rows: loaded.rows, bytes: 0, rejected: loaded.rejected, ms: 0 });
      result.rows += loaded.rows;
      result.rejected += loaded.rejected;
      emit({ type: 'table-skipped', table: table.source, reason: 'loaded by the interrupted run (--resume)' });
      return;
    }
    emit({ type: 'table-start', table: table.source, rows: table.rowCount });
    let lastReport = 0;
    // A retry starts from a rolled-back transaction, so CREATE suffices.
    const load = (sqlChunkQuery?: SqlChunkQueries) =>
      copyTable(client, db, {
        schema: plan.schema,
        source: table.source,
        target: table.target,
        readKey: table.readKey,
        codecs: columnCodecs(table.columns, options.nul),
        before: renderCreateTable(plan.schema, table),
        after: (out) => [state.markDone(table.source, out)],
        freeze: true,
        ...(sqlChunkQuery ? { sqlChunkQuery } : {}),
        // Small tables render here: waiting for a busy worker would cost more than rendering them.
        ...(sqlChunkQuery && renderPool && table.rowCount > LEAN_PROFILE_ROWS ? { renderPool } : {}),
        ...(options.signal ? { signal: options.signal } : {}),
        onProgress: (rows, bytes) => {
          const now = performance.now();
          if (now - lastReport > 200) {
            lastReport = now;
            emit({ type: 'table-progress', table: table.source, rows, totalRows: table.rowCount, bytes });
          }
        },
        ...(skipRows
          ? {
              onReject: (record: RejectRecord) => {
                result.rejects.push(record);
                emit({ type: 'reject', record });
              },
            }
          : {}),
      });
    const fastAllowed = !skipRows && options.nul !== 'strip' && options.fastPath !== false;
    let fast = fastAllowed ? sqlChunkQueryFor(table) : undefined;
    let out: Awaited<ReturnType<typeof copyTable>> | undefined;
    while (!out) {
      try {
        out = await load(fast);
      } catch (err) {
        const overlong = overlongVarcharColumn(table, err);
        if (overlong) {
          // Each retry widens one more column, so this ends.
          const warning = { object: `${table.source}.${overlong.source}`, message: `holds values longer than its declared ${overlong.pgType}: migrated as text` };
          overlong.notes.push(`values longer than ${overlong.pgType}: text`);
          overlong.pgType = 'text';
          delete overlong.maxLength;
          result.warnings.push(warning);
          emit({ type: 'warning', warning });
          continue;
        }
        // Decided once per table: the decided columns carry every value afterwards.
        const decided = options.strictTypes ? [] : decideAfterRejection(db, plan, table, err);
        if (decided.length > 0) {
          for (const warning of decided) {
            result.warnings.push(warning);
            emit({ type: 'warning', warning });
          }
          fast = fastAllowed ? sqlChunkQueryFor(table) : undefined;
          continue;
        }
        // SQLite could not render some value exactly (or PostgreSQL refused it): load the table
        // again through the JavaScript encoders, which carry it or name its row.
        if (!fast || !isDataError(err)) throw err;
        emit({ type: 'table-retry', table: table.source, reason: (err as Error).message });
        fast = undefined;
      }
    }
    const ms = Math.round(performance.now() - t0);
    result.tables.push({ table: table.source, target: table.target, rows: out.rows, bytes: out.bytes, rejected: out.rejected, ms });
    result.rows += out.rows;
    result.bytes += out.bytes;
    result.rejected += out.rejected;
    emit({ type: 'table-done', table: table.source, rows: out.rows, bytes: out.bytes, rejected: out.rejected, ms });
  });
}

/** Views may depend on each other: keep creating until no more succeed; report the rest with their SQL. */
async function createViews(client: pg.Client, plan: MigrationPlan, result: MigrateResult, emit: (e: MigrationEvent) => void, signal: AbortSignal | undefined): Promise<void> {
  let pending = [...plan.views];
  const lastError = new Map<string, string>();
  // View bodies name tables unqualified, as SQLite wrote them: resolve them in the target schema.
  // catdb_sqlite last: its operators for text arithmetic fill in only where PostgreSQL has none.
  await client.query('SELECT set_config($1, $2, false)', ['search_path', quoteIdent(plan.schema) + (plan.compat?.length ? `, ${COMPAT_SCHEMA}` : '')]);
  for (let progress = true; progress && pending.length > 0; ) {
    progress = false;
    const still: typeof pending = [];
    for (const v of pending) {
      try {
        await applyStatement(client, v.sql);
        progress = true;
      } catch (err) {
        throwIfAborted(signal);
        lastError.set(v.source, (err as Error).message);
        still.push(v);
      }
    }
    pending = still;
  }
  for (const v of pending) {
    const warning = { object: v.source, message: `view not created (${lastError.get(v.source)}); translate it by hand`, sql: v.sourceSql, notCreated: 'view' as const };
    result.warnings.push(warning);
    emit({ type: 'warning', warning });
  }
}

/** What verification decided and started before its own step; see startVerification. */
interface StartedVerification {
  order: TablePlan[];
  sqlSide: boolean;
  algorithm: ChecksumAlgorithm;
  queries: Map<string, SqlCanonicalQuery | undefined>;
  /** SQL-side source checksums already running on the threads, by source table. */
  sums: Map<string, Promise<{ count: number; sum: string } | undefined>>;
}

/**
 * Picks the hash and the order, builds each table's SQL canonical query, and starts the
 * source-side checksums of the big tables on the threads.
 */
async function startVerification(
  db: SqliteDatabase,
  first: pg.Client,
  plan: MigrationPlan,
  options: MigrateOptions,
  threads: RenderPool | undefined,
  loadedBytes: ReadonlyMap<string, number>,
): Promise<StartedVerification> {
  // Big WITHOUT ROWID tables first (their source side is one piece of work, not ranges the
  // threads share), then the most bytes first.
  const whole = (t: TablePlan): boolean => t.readKey.kind === 'columns' && t.rowCount > LEAN_PROFILE_ROWS;
  const weight = (t: TablePlan): number => loadedBytes.get(t.source) || t.rowCount;
  const order = [...plan.tables].sort((a, b) => Number(whole(b)) - Number(whole(a)) || weight(b) - weight(a));
  // Value-by-value checks are needed where rows were skipped or text was changed on purpose.
  const sqlSide = options.onError !== 'skip-row' && options.nul !== 'strip' && options.fastPath !== false;
  const algorithm = (await probeLookup3(first)) ? 'lookup3' : 'md5';
  const queries = new Map<string, SqlCanonicalQuery | undefined>();
  const sums = new Map<string, Promise<{ count: number; sum: string } | undefined>>();
  for (const t of order) {
    // float4 targets print float4's shortest text, which only the JavaScript path computes.
    const float4 = t.columns.some((c) => c.kind === 'float' && isFloat4Type(c.pgType));
    const q = sqlSide && !float4
      ? renderSqlCanonicalQuery(
          t.source,
          t.columns.map((c) => ({ source: c.source, kind: c.kind, notNull: c.notNull, ...(c.scale !== undefined ? { scale: c.scale } : {}) })),
          t.readKey,
        )
      : undefined;
    queries.set(t.source, q);
    if (q && threads && t.rowCount > LEAN_PROFILE_ROWS) {
      const sum = sourceChecksum(db, t.source, q, algorithm, threads);
      // Awaited in the verify step; a failure before it must not surface as unhandled.
      sum.catch(() => {});
      sums.set(t.source, sum);
    }
  }
  return { order, sqlSide, algorithm, queries, sums };
}

async function verifyPlannedTables(
  db: SqliteDatabase,
  clients: pg.Client[],
  plan: MigrationPlan,
  options: MigrateOptions,
  emit: (e: MigrationEvent) => void,
  threads: RenderPool | undefined,
  started: StartedVerification,
): Promise<{ ok: boolean; tables: TableVerification[] }> {
  const tables: TableVerification[] = [];
  const { order, sqlSide, algorithm } = started;
  const own = sqlSide && !threads ? await openRenderPool(db, options, clients.length, order.map((t) => t.rowCount)) : undefined;
  const renderPool = sqlSide ? (threads ?? own) : undefined;
  let extra: ClientPool | undefined;
  try {
    // One connection more than the load used, so that each big table's server-side sum runs
    // while the threads work through the source side, and none waits for a free connection.
    extra = order.length > clients.length ? await openClientPool(options.target, 1, options.signal) : undefined;
    await forEachWithClients([...clients, ...(extra?.clients ?? [])], order, async (t: TablePlan, client) => {
      const sqlCanonical = started.queries.get(t.source);
      const sourceSum = started.sums.get(t.source);
      const v = await verifyTable(db, client, {
        schema: plan.schema,
        source: t.source,
        target: t.target,
        readKey: t.readKey,
        codecs: columnCodecs(t.columns, options.nul),
        algorithm,
        ...(options.signal ? { signal: options.signal } : {}),
        ...(sqlCanonical ? { sqlCanonical } : {}),
        ...(sqlCanonical && renderPool && t.rowCount > LEAN_PROFILE_ROWS ? { renderPool } : {}),
        ...(sourceSum ? { sourceSum } : {}),
      });
      tables.push(v);
      emit({ type: 'verify-table', table: v.table, ok: v.ok, sourceRows: v.sourceRows, targetRows: v.targetRows, rejected: v.rejected, ms: v.ms });
    });
  } finally {
    await extra?.close();
    await own?.close();
  }
  tables.sort((a, b) => a.table.localeCompare(b.table));
  return { ok: tables.every((t) => t.ok), tables };
}
