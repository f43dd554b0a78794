// Public API of the pgbouncer area; re-exported from the package index.
export { renderPgbouncerConfig, authTypeFor, type PgbouncerConfigInput, type RenderedFile } from './render-pgbouncer-config.js';
export { renderUserlist, parseUserlist, maskSecret } from './render-userlist.js';
export { renderAuthQuery, renderAuthFunctionSql, renderAuthRoleSql, AUTH_SCHEMA, AUTH_FUNCTION } from './render-auth-query-sql.js';
export { secretType as pgbouncerSecretType } from '../scram/secret-type.js';
export { parsePgbouncerIni, type PgbouncerIni } from './parse-pgbouncer-ini.js';
export { initPgbouncer, replicaAlias, SCRAM_AUTH_QUERY_NOTICE, type InitPgbouncerOptions, type InitPgbouncerResult } from './init-pgbouncer.js';
export { checkPgbouncer, type CheckPgbouncerOptions, type PgbouncerCheckResult } from './check-pgbouncer.js';
export {
  mapCheckFindings,
  worstStatus,
  CHECK_EXIT_CODES,
  DEFAULT_CHECK_THRESHOLDS,
  type CheckStatus,
  type CheckFinding,
  type CheckReport,
  type CheckInput,
  type CheckThresholds,
  type CheckMetrics,
  type CapacityLine,
  type AliasProbe,
} from './map-check-findings.js';
export { renderNagiosLine, summarizeCheck, PGBOUNCER_SERVICE } from './render-check-report.js';
export { stopPgbouncer, type StopPgbouncerOptions } from './stop-pgbouncer.js';
export { startPgbouncer, type StartPgbouncerOptions } from './start-pgbouncer.js';
export { runningPgbouncerPid } from './pgbouncer-process.js';
export { findPgbouncerBin } from './find-pgbouncer-bin.js';
export { probePooler, openPoolerClient, type ProbeResult, type PoolerCredentials } from './probe-pooler.js';
export {
  PGBOUNCER_FILES,
  type PgbouncerAuthMode,
  type PoolMode,
  type ListenAddress,
  type PgbouncerDatabase,
  type UserlistEntry,
  type SecretType,
  type PgbouncerEvent,
  type PgbouncerEventHandler,
  type PgbouncerState,
} from './types.js';
export { sendAdminCommand, type SendAdminCommandOptions } from './send-admin-command.js';
export { repointPgbouncer, type RepointPgbouncerOptions } from './repoint-pgbouncer.js';
export { planRepoint, type RepointPlan } from './plan-repoint.js';
export { repointToPrimary, type RepointToPrimaryOptions, type RepointToPrimaryResult } from './repoint-to-primary.js';
export { readPgbouncerState } from './read-pgbouncer-state.js';
