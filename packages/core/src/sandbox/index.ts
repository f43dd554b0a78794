// Public API of the sandbox area (local servers); re-exported from the package index.
export { startLocalPostgres, stopLocalPostgres, type LocalPostgres, type StartPostgresOptions } from './start-postgres.js';
export { ensureEmbeddedPostgres, embeddedPostgresDir } from './embedded-postgres.js';
export { findPgBinDir } from './find-pg-bin.js';
export { findFreePort } from './free-port.js';
