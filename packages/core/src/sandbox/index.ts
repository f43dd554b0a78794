// Public API of the sandbox area (local servers); re-exported from the package index.
export { startLocalPostgres, stopLocalPostgres, type LocalPostgres, type StartPostgresOptions } from '../local/start-postgres.js';
export { ensureEmbeddedPostgres, embeddedPostgresDir } from '../local/embedded-postgres.js';
export { findPgBinDir } from '../os/find-pg-bin.js';
export { findFreePort } from '../os/free-port.js';
export { startSandbox, type StartSandboxOptions, type SandboxEvent } from './sandbox-start.js';
export { sandboxStatus, type SandboxStatus, type SandboxPgbouncerStatus } from './sandbox-status.js';
export { stopSandbox, type StopSandboxOptions, type StopSandboxResult } from './sandbox-stop.js';
export { readSandboxState, writeSandboxState, sandboxStatePath, type SandboxState, type SandboxServer, type SandboxReplica } from '../topology/sandbox-state.js';
export { startSandboxPgbouncer, stopSandboxPgbouncer, sandboxPooledUrl, type SandboxPgbouncer } from './sandbox-pgbouncer.js';
