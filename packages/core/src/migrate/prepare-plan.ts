import type { RenderPool } from '../verify/render-pool.js';
import type { ColumnProfile } from '../sqlite/column-profile.js';
import { introspectSqlite } from '../sqlite/introspect-sqlite.js';
import { asSourceError, openSqlite, type SqliteDatabase } from '../sqlite/open-sqlite.js';
import { profileTable, type ProfileOptions } from '../sqlite/profile-table.js';
import type { SqliteSchema, SqliteTable } from '../sqlite/sqlite-schema.js';
import { planMigration } from '../plan/plan-migration.js';
import type { MigrationPlan } from '../plan/migration-plan.js';
import { throwIfAborted } from '../errors.js';
import type { MigrateOptions } from './migrate-options.js';
import { LEAN_PROFILE_ROWS, openRenderPool } from '../verify/open-render-pool.js';
import { relationIncluded } from '../plan/relation-included.js';
import { freezePlan } from './freeze-plan.js';

type PlanOptions = Pick<MigrateOptions, 'source' | 'schema' | 'identifiers' | 'casts' | 'include' | 'exclude' | 'strictTypes' | 'compatFunctions' | 'checkIntegrity' | 'signal' | 'onEvent' | 'dryRun' | 'onError' | 'resume' | 'nul'>;

/**
 * Opens the source (one read snapshot), introspects and profiles it, and plans. The
 * returned database stays open inside its snapshot for the load; the caller closes it.
 */
export function preparePlan(options: PlanOptions): { db: SqliteDatabase; plan: MigrationPlan } {
  const { db, schema, tables } = openSource(options);
  try {
    const profiles = new Map<string, Map<string, ColumnProfile>>();
    profileHere(db, tables, options, profiles);
    return { db, plan: finishPlan(options, schema, profiles) };
  } catch (err) {
    db.close();
    throw asSourceError(err, options.source);
  }
}

/**
 * preparePlan for a migration that will load with worker threads: the big tables are
 * profiled on those threads at the same time (the profile is a full scan per table), and
 * the threads are handed on to the load. Same snapshot rules as RenderPool.
 */
export async function preparePlanWithThreads(
  options: PlanOptions & Pick<MigrateOptions, 'fastPath'>,
  threads: number,
): Promise<{ db: SqliteDatabase; plan: MigrationPlan; renderPool: RenderPool | undefined }> {
  const { db, schema, tables } = openSource(options);
  let renderPool: RenderPool | undefined;
  try {
    renderPool = options.dryRun ? undefined : await openRenderPool(db, options, Math.min(threads, tables.length), tables.map((t) => t.rowCount));
    const pool = renderPool;
    const profiles = new Map<string, Map<string, ColumnProfile>>();
    const onThreads = pool ? tables.filter((t) => t.rowCount > LEAN_PROFILE_ROWS) : [];
    const onThreadsDone = Promise.all(onThreads.map(async (t) => profiles.set(t.name, await pool!.profile(t, profileOptions(options, t)))));
    onThreadsDone.catch(() => {});
    profileHere(db, tables.filter((t) => !onThreads.includes(t)), options, profiles);
    await onThreadsDone;
    throwIfAborted(options.signal);
    // Keep the schema's table order, whichever profile finished first.
    const ordered = new Map(tables.map((t) => [t.name, profiles.get(t.name)!]));
    return { db, plan: finishPlan(options, schema, ordered), renderPool };
  } catch (err) {
    await renderPool?.close();
    db.close();
    throw asSourceError(err, options.source);
  }
}

/** Profiles `tables` on this thread, one after the other, into `profiles`. */
function profileHere(db: SqliteDatabase, tables: readonly SqliteTable[], options: PlanOptions, profiles: Map<string, Map<string, ColumnProfile>>): void {
  for (const table of tables) {
    throwIfAborted(options.signal);
    profiles.set(table.name, profileTable(db, table, profileOptions(options, table)));
  }
}

function profileOptions(options: PlanOptions, table: SqliteTable): ProfileOptions {
  // A lean profile leaves the values a type cannot carry to the load, which then measures the
  // table and picks types that carry them (see decideAfterRejection). A skip-row load would
  // reject those rows instead, and a resumed run must plan the types the interrupted one chose
  // for the tables it keeps: both count every storage class first.
  const decidesLater = options.onError === 'skip-row' || Boolean(options.resume);
  // A dry run profiles as the run does, so that the plan it shows is the plan a run applies.
  const lean = table.rowCount > LEAN_PROFILE_ROWS && (Boolean(options.strictTypes) || !decidesLater);
  // Rows a skip-row load rejects for length would be lost where a full profile widens the column.
  return { lean, trustLengths: options.onError !== 'skip-row', stripNul: options.nul === 'strip' };
}

function openSource(options: PlanOptions): { db: SqliteDatabase; schema: SqliteSchema; tables: SqliteTable[] } {
  const t0 = performance.now();
  const db = openSqlite(options.source, { integrityCheck: Boolean(options.checkIntegrity) });
  try {
    const schema = introspectSqlite(db, options.source);
    options.onEvent?.({ type: 'introspected', tables: schema.tables.length, views: schema.views.length, triggers: schema.triggers.length, ms: Math.round(performance.now() - t0) });
    return { db, schema, tables: schema.tables.filter((t) => relationIncluded(t.name, options)) };
  } catch (err) {
    db.close();
    throw asSourceError(err, options.source);
  }
}

function finishPlan(options: PlanOptions, schema: SqliteSchema, profiles: Map<string, Map<string, ColumnProfile>>): MigrationPlan {
  const plan = planMigration(schema, profiles, {
    ...(options.schema ? { schema: options.schema } : {}),
    ...(options.identifiers ? { identifiers: options.identifiers } : {}),
    ...(options.casts ? { casts: options.casts } : {}),
    ...(options.include ? { include: options.include } : {}),
    ...(options.exclude ? { exclude: options.exclude } : {}),
    ...(options.strictTypes ? { strictTypes: true } : {}),
    ...(options.compatFunctions === false ? { compatFunctions: false } : {}),
  });
  // Made once and never changed: what the load finds out is recorded apart (see LoadDecision).
  freezePlan(plan);
  options.onEvent?.({ type: 'planned', tables: plan.tables.length, rows: plan.tables.reduce((n, t) => n + t.rowCount, 0), warnings: plan.warnings.length, decisions: plan.decisions.length, problems: plan.problems.length, tableRows: plan.tables.map((t) => ({ table: t.source, rows: t.rowCount })) });
  return plan;
}
