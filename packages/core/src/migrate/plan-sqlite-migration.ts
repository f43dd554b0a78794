import type { MigrationPlan } from '../plan/migration-plan.js';
import type { MigrateOptions } from './migrate-options.js';
import { preparePlan } from './prepare-plan.js';

/**
 * Reads a SQLite file and returns the migration plan without connecting anywhere:
 * what `--dry-run` shows. Render it with renderPlanSql.
 */
export function planSqliteMigration(options: Pick<MigrateOptions, 'source' | 'schema' | 'identifiers' | 'casts' | 'include' | 'exclude' | 'strictTypes' | 'compatFunctions' | 'checkIntegrity' | 'signal' | 'onEvent'>): MigrationPlan {
  const { db, plan } = preparePlan({ ...options, dryRun: true });
  db.close();
  return plan;
}
