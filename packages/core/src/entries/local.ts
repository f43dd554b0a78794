// @catdb/core/local: one PostgreSQL catdb starts itself, catdb's per-user local server, and
// choosing the target database the way every command does. Re-exports only.
export { startLocalPostgres, stopLocalPostgres, type LocalPostgres, type StartPostgresOptions } from '../local/start-postgres.js';
export { localServerHome } from '../local/local-server-home.js';
export { localServerDir } from '../local/local-server-dir.js';
export { localServerStatus, type LocalServerStatus } from '../local/local-server-status.js';
export { startLocalServer } from '../local/start-local-server.js';
export { stopLocalServer } from '../local/stop-local-server.js';
export { destroyLocalServer, type DestroyLocalServerResult } from '../local/destroy-local-server.js';
export { localDatabaseName } from '../local/local-database-name.js';
export { isLocalServerUrl } from '../local/is-local-server-url.js';
export { resolveTarget, type ResolveTargetOptions, type ResolvedTarget } from '../local/resolve-target.js';
export { createDatabaseIfMissing } from '../pg/create-database.js';
