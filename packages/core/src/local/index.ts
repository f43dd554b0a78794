// Public API of the local area (catdb's per-user PostgreSQL and choosing a target); re-exported from the package index.
export { localServerHome } from './local-server-home.js';
export { localServerDir } from './local-server-dir.js';
export { localServerStatus, type LocalServerStatus } from './local-server-status.js';
export { startLocalServer } from './start-local-server.js';
export { stopLocalServer } from './stop-local-server.js';
export { destroyLocalServer, type DestroyLocalServerResult } from './destroy-local-server.js';
export { localDatabaseName } from './local-database-name.js';
export { resolveTarget, type ResolveTargetOptions, type ResolvedTarget } from './resolve-target.js';
export { isLocalServerUrl } from './is-local-server-url.js';
