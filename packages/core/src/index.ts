export { CatdbError, isCatdbError, throwIfAborted, type CatdbErrorCode, type CatdbErrorOptions } from './errors.js';
export { quoteIdent, quoteQualified, quoteLiteral } from './pg/quote-ident.js';
export { connect, clientConfig, type PgClient, type ConnectOptions } from './pg/connect.js';
export { redactUrl } from './pg/redact-url.js';
export * from './sandbox/index.js';
export * from './replica/index.js';
export * from './pgbouncer/index.js';
