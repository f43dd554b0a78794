// The core's internal modules the test infrastructure stands on (connecting, quoting, passfiles,
// OS users, ports, binaries, local servers), imported here and nowhere else under test/, so that
// when the package's entry points or folders change, only this file follows them.
export { connect, type PgClient } from '../../packages/core/src/pg/connect.js';
export { quoteIdent, quoteLiteral, quoteQualified, quoteSqliteIdent } from '../../packages/core/src/pg/quote-ident.js';
export { lookupPgpass, writePgpassFile, type PgpassEntry } from '../../packages/core/src/pg/pgpass.js';
export { serverOsUser, chownTo, type OsUser } from '../../packages/core/src/os/os-user.js';
export { findFreePort } from '../../packages/core/src/os/free-port.js';
export { findPgBinDir } from '../../packages/core/src/os/find-pg-bin.js';
export { runCommand } from '../../packages/core/src/os/run-command.js';
export { startLocalPostgres, stopLocalPostgres, type LocalPostgres } from '../../packages/core/src/local/start-postgres.js';
export { stopLocalServer } from '../../packages/core/src/local/stop-local-server.js';
export { waitForExit } from '../../packages/core/src/local/wait-for-exit.js';
export { isProcessAlive } from '../../packages/core/src/os/is-process-alive.js';
export { findPgbouncerBin } from '../../packages/core/src/pgbouncer/find-pgbouncer-bin.js';
export { openSqlite } from '../../packages/core/src/sqlite/open-sqlite.js';
export { introspectSqlite } from '../../packages/core/src/sqlite/introspect-sqlite.js';
export { FENCE_MESSAGE } from '../../packages/core/src/online/render-capture-sql.js';
export { startStandbyServer, stopStandbyServer } from '../../packages/core/src/replica/run-standby.js';
export { startPgbouncer } from '../../packages/core/src/pgbouncer/start-pgbouncer.js';
export { openPoolerClient } from '../../packages/core/src/pgbouncer/probe-pooler.js';
export { readPasswordFile } from '../../packages/core/src/replica/password-file.js';
export { scramVerifierMatches } from '../../packages/core/src/scram/render-scram-verifier.js';
export { localServerDir } from '../../packages/core/src/local/local-server-dir.js';

// Internals that integration tests check against a real server: the verification's canonical
// forms and checksums, the load's profile threshold, session setup, cancel and standby files.
export { LEAN_PROFILE_ROWS } from '../../packages/core/src/verify/open-render-pool.js';
export { canonicalJsonb } from '../../packages/core/src/codec/canonical-jsonb.js';
export { formatFloat8, normalizeNumericText } from '../../packages/core/src/codec/format-float.js';
export { makeCanonicalizer } from '../../packages/core/src/codec/make-canonicalizer.js';
export { prepareSession } from '../../packages/core/src/pg/prepare-session.js';
export { applyStatement } from '../../packages/core/src/pg/apply-statement.js';
export { sendCancelRequest } from '../../packages/core/src/pg/send-cancel-request.js';
export { pgNormalizer, pgRowText } from '../../packages/core/src/verify/pg-normalizer.js';
export { hashBytesExtended, wordView } from '../../packages/core/src/verify/hash-bytes-extended.js';
export { probeLookup3 } from '../../packages/core/src/verify/probe-lookup3.js';
export { renderSqlCanonicalQuery, type SqlCanonicalQuery } from '../../packages/core/src/verify/render-sql-canonical.js';
export { checksumSql, type ChecksumAlgorithm } from '../../packages/core/src/verify/row-checksum.js';
export { sqliteChecksum } from '../../packages/core/src/verify/sqlite-checksum.js';
export { isServerRunning, readAutoConfSetting } from '../../packages/core/src/replica/standby-files.js';
