import type { ColumnProfile } from '../sqlite/column-profile.js';
import { introspectSqlite } from '../sqlite/introspect-sqlite.js';
import { openSqlite, type SqliteDatabase } from '../sqlite/open-sqlite.js';
import { profileTable } from '../sqlite/profile-table.js';
import { planMigration } from '../plan/plan-migration.js';
import type { MigrationPlan } from '../plan/migration-plan.js';
import { throwIfAborted } from '../errors.js';
import type { MigrateOptions } from './migrate-options.js';

/** Above this many rows a table's storage classes are checked by the load, not by a separate scan. */
export const LEAN_PROFILE_ROWS = 100_000;

/**
 * Opens the source (one read snapshot), introspects and profiles it, and plans. The
 * returned database stays open inside its snapshot for the load; the caller closes it.
 */
export function preparePlan(options: Pick<MigrateOptions, 'source' | 'schema' | 'identifiers' | 'casts' | 'include' | 'exclude' | 'checkIntegrity' | 'signal' | 'onEvent' | 'dryRun'>): { db: SqliteDatabase; plan: MigrationPlan } {
  const t0 = performance.now();
  const db = openSqlite(options.source, { integrityCheck: Boolean(options.checkIntegrity) });
  try {
    const schema = introspectSqlite(db, options.source);
    options.onEvent?.({ type: 'introspected', tables: schema.tables.length, views: schema.views.length, triggers: schema.triggers.length, ms: Math.round(performance.now() - t0) });
    const included = (name: string): boolean =>
      (!options.include?.length || options.include.some((n) => n.toLowerCase() === name.toLowerCase())) && !options.exclude?.some((n) => n.toLowerCase() === name.toLowerCase());
    const profiles = new Map<string, Map<string, ColumnProfile>>();
    for (const table of schema.tables) {
      throwIfAborted(options.signal);
      const lean = !options.dryRun && table.rowCount > LEAN_PROFILE_ROWS;
      if (included(table.name)) profiles.set(table.name, profileTable(db, table, { lean }));
    }
    const plan = planMigration(schema, profiles, {
      ...(options.schema ? { schema: options.schema } : {}),
      ...(options.identifiers ? { identifiers: options.identifiers } : {}),
      ...(options.casts ? { casts: options.casts } : {}),
      ...(options.include ? { include: options.include } : {}),
      ...(options.exclude ? { exclude: options.exclude } : {}),
    });
    options.onEvent?.({ type: 'planned', tables: plan.tables.length, rows: plan.tables.reduce((n, t) => n + t.rowCount, 0), warnings: plan.warnings.length, problems: plan.problems.length, tableRows: plan.tables.map((t) => ({ table: t.source, rows: t.rowCount })) });
    return { db, plan };
  } catch (err) {
    db.close();
    throw err;
  }
}
