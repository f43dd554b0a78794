// @catdb/core/sandbox: a primary with standbys and PgBouncer on 127.0.0.1, for development,
// demos and tests. Re-exports only.
export { startSandbox, type StartSandboxOptions, type SandboxEvent } from '../sandbox/sandbox-start.js';
export { sandboxStatus, type SandboxStatus, type SandboxPgbouncerStatus } from '../sandbox/sandbox-status.js';
export { stopSandbox, type StopSandboxOptions, type StopSandboxResult } from '../sandbox/sandbox-stop.js';
export { sandboxPooledUrl, type SandboxPgbouncer } from '../sandbox/sandbox-pgbouncer.js';
export { readSandboxState, sandboxStatePath, type SandboxState, type SandboxServer, type SandboxReplica } from '../topology/sandbox-state.js';
