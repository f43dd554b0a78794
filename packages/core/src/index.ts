// @catdb/core: the migration surface. Replicas, PgBouncer, sandboxes, the local server, online
// migration, checks and owned files have entry points of their own (@catdb/core/replica, …;
// see docs/architecture.md). Re-exports only.
export { migrateSqliteToPg, type MigrateResult, type TableLoadResult } from './migrate/migrate-sqlite-to-pg.js';
export type { LoadDecision } from './migrate/load-decision.js';
export { planAfterLoad } from './migrate/plan-after-load.js';
export type { MigrateOptions } from './migrate/migrate-options.js';
export type { DataOnlyResult } from './migrate/migrate-data-only.js';
export type { DataOnlyReport } from './data-only/build-data-only-report.js';
export { incompleteSchemaError } from './migrate/incomplete-schema-error.js';
export type { IncompleteObject } from './migrate/incomplete-objects.js';
export type { RejectRecord } from './copy/reject-record.js';
export { planSqliteMigration } from './migrate/plan-sqlite-migration.js';
export type { MigrationPlan, PlanWarning, SkippedObject } from './plan/migration-plan.js';
export { renderPlanSql } from './plan/render-plan-sql.js';
export { verifyMigration, type VerifyOptions, type VerifyResult } from './verify/verify-migration.js';
export type { TableVerification } from './verify/table-verification.js';
export { DEFAULT_CAST_RULES, parseCastRule, type CastRule } from './mapping/cast-rules.js';
export type { MigrationEvent, MigrationEventHandler, MigrationStep } from './migrate/migration-event.js';
export { CatdbError, isCatdbError, type CatdbErrorCode, type CatdbErrorOptions } from './errors.js';
export { redactUrl } from './pg/redact-url.js';
