export { CatdbError, isCatdbError, throwIfAborted, type CatdbErrorCode, type CatdbErrorOptions } from './errors.js';
export { quoteIdent, quoteQualified, quoteLiteral } from './pg/quote-ident.js';
export { connect, clientConfig, type PgClient, type ConnectOptions } from './pg/connect.js';
export { redactUrl } from './pg/redact-url.js';
export { startLocalPostgres, stopLocalPostgres, type LocalPostgres, type StartPostgresOptions } from './sandbox/start-postgres.js';
export { ensureEmbeddedPostgres, embeddedPostgresDir } from './sandbox/embedded-postgres.js';
export { findPgBinDir } from './sandbox/find-pg-bin.js';
export { findFreePort } from './sandbox/free-port.js';
