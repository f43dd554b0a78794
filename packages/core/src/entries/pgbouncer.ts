// @catdb/core/pgbouncer: PgBouncer's files (pure renderers), init, stop, check, the admin
// console, and repointing it at a new primary. Re-exports only.
export { renderPgbouncerConfig, type PgbouncerConfigInput, type RenderedFile } from '../pgbouncer/render-pgbouncer-config.js';
export { initPgbouncer, type InitPgbouncerOptions, type InitPgbouncerResult } from '../pgbouncer/init-pgbouncer.js';
export { stopPgbouncer, type StopPgbouncerOptions } from '../pgbouncer/stop-pgbouncer.js';
export { checkPgbouncer, type CheckPgbouncerOptions, type PgbouncerCheckResult } from '../pgbouncer/check-pgbouncer.js';
export { renderNagiosLine, PGBOUNCER_SERVICE } from '../pgbouncer/render-check-report.js';
export { sendAdminCommand, type SendAdminCommandOptions } from '../pgbouncer/send-admin-command.js';
export { repointToPrimary, type RepointToPrimaryOptions, type RepointToPrimaryResult } from '../pgbouncer/repoint-to-primary.js';
export type { PgbouncerAuthMode, PoolMode, PgbouncerDatabase, PgbouncerEvent, PgbouncerEventHandler } from '../pgbouncer/types.js';
