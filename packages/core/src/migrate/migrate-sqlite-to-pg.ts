import { availableParallelism } from 'node:os';
import { isLocalServerUrl } from '../local/is-local-server-url.js';
import { runStep } from './run-step.js';
import { CatdbError, throwIfAborted } from '../errors.js';
import { quoteQualified } from '../pg/quote-ident.js';
import { asServerError } from '../pg/map-pg-error.js';
import { applyStatement } from '../pg/apply-statement.js';
import { redactUrl } from '../pg/redact-url.js';
import { asSourceError } from '../sqlite/open-sqlite.js';
import { forEachWithClients, openClientPool } from '../pg/client-pool.js';
import { addForeignKeys, runPostLoadPhases } from './run-post-load.js';
import { migrateDataOnly, type DataOnlyResult } from './migrate-data-only.js';
import type { MigrateOptions } from './migrate-options.js';
import type { MigrateResult } from './migrate-result.js';
import type { PlanWarning } from '../plan/migration-plan.js';
import type { MigrationEvent, MigrationStep } from './migration-event.js';
import { openMigrationState } from './migration-state.js';
import { preparePlanWithThreads } from './prepare-plan.js';
import { sourceIdentity } from './source-identity.js';
import { takeRunLock } from './take-run-lock.js';
import { readExistingConstraints } from '../pg/read-existing-constraints.js';
import { createTriggers } from './create-triggers.js';
import { incompleteObjects } from './incomplete-objects.js';
import { incompleteSchemaError } from './incomplete-schema-error.js';
import { planLoad } from './plan-load.js';
import { applyLoad } from './apply-load.js';
import { planAfterLoad } from './plan-after-load.js';
import { createViews } from './create-views.js';
import { createTargetTables } from './create-target-tables.js';
import { readExistingRelations } from './read-existing-relations.js';
import { problemsError } from './problems-error.js';
import { planMigrationVerification } from './plan-migration-verification.js';
import { startVerification } from '../verify/start-verification.js';
import { verifyLoadedTables } from './verify-loaded-tables.js';
import { verifyMismatchError } from './verify-mismatch-error.js';

export type { MigrateResult, TableLoadResult } from './migrate-result.js';

/**
 * Migrates a SQLite database into PostgreSQL: plan, create tables, COPY every table
 * (one transaction each, several in parallel), then keys, indexes, foreign keys,
 * sequences, views, ANALYZE, and verification of every table.
 * The plan is made once (planLoad and planVerification derive the rest from it) and never
 * changed: what the load finds it needs is recorded in `loadDecisions`, not written into it.
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
    const result: MigrateResult = { plan, dryRun: Boolean(options.dryRun), tables: [], rows: 0, bytes: 0, rejected: 0, rejects: [], warnings: [...plan.warnings], loadDecisions: [], incomplete: [], ms: 0 };
    const warn = (warning: PlanWarning): void => {
      result.warnings.push(warning);
      emit({ type: 'warning', warning });
    };
    const skipRows = options.onError === 'skip-row';
    if (plan.problems.length > 0 && !skipRows && !options.dryRun) throw problemsError(plan);
    emit({ type: 'target', url: redactUrl(options.target), schema: plan.schema, embedded: isLocalServerUrl(options.target) });
    const load = planLoad(plan, options, { jobs, threads: Boolean(threads) });
    const pool = await openClientPool(options.target, options.dryRun ? 1 : load.connections, signal);
    try {
      const first = pool.clients[0]!;
      const existing = await readExistingRelations(first, plan);
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
      const replace = options.ifExists === 'drop';
      await runStep(emit, 'create', () => createTargetTables(first, plan, state, replace), signal);

      // The threads that profiled the big tables render them, and later checksum them.
      await runStep(emit, 'load', () => applyLoad(load, { db, clients: pool.clients, plan, options, state, renderPool: threads, emit, result }), signal);
      throwIfAborted(signal);
      // From here on, what was created: the plan with the load's decisions (the plan itself stays as made).
      const loaded = planAfterLoad(plan, result.loadDecisions);
      // The source side of verification needs only the SQLite snapshot: the threads start on it
      // now, while the server builds keys and indexes and the client has little else to do.
      const loadedBytes = new Map(result.tables.map((t) => [t.table, t.bytes]));
      const verifying = options.verify !== false ? await startVerification(db, first, planMigrationVerification(loaded, options, loadedBytes), threads) : undefined;
      // A resumed run skips keys and indexes an earlier attempt created (reloaded tables lost theirs).
      const skip = state.resumed ? await readExistingConstraints(first, loaded.schema) : new Set<string>();
      const postLoad = { clients: pool.clients, plan: loaded, db, warnings: result.warnings, emit, ...(signal ? { signal } : {}) };
      // A table an earlier attempt loaded reports no bytes: its rows give an estimate.
      const tableBytes = new Map(loaded.tables.map((t) => [t.target, Math.max(loadedBytes.get(t.source) ?? 0, t.rowCount * 100)]));
      await runStep(emit, 'constraints', () => runPostLoadPhases({ ...postLoad, skip, tableBytes }, ['primary-key', 'unique', 'index', 'check']), signal);
      await runStep(emit, 'foreign-keys', () => addForeignKeys({ ...postLoad, skip }), signal);
      await runStep(emit, 'sequences', () => runPostLoadPhases(postLoad, ['sequence']), signal);
      await runStep(emit, 'views', () => createViews(first, loaded, warn, signal), signal);
      await runStep(emit, 'triggers', () => createTriggers(first, loaded, result, emit, replace || state.resumed, signal), signal);
      await runStep(emit, 'analyze', () => forEachWithClients(pool.clients, loaded.tables, async (t, c) => void (await applyStatement(c, `ANALYZE ${quoteQualified(loaded.schema, t.target)}`))), signal);
      if (verifying) {
        const verification = await runStep(emit, 'verify', () => verifyLoadedTables(db, pool.clients, verifying, { options, threads, emit }), signal);
        result.verification = verification;
        await state.recordChecksums(first, verification.tables.filter((t) => t.ok));
        if (!verification.ok) throw verifyMismatchError(verification.tables);
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
