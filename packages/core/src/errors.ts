/**
 * Stable error codes, grouped by area. Codes never change meaning once released;
 * `docs/errors.md` lists them with their hints.
 */
export type CatdbErrorCode =
  | 'USAGE_INVALID_OPTION'
  | 'USAGE_INVALID_PATH'
  | 'USAGE_INVALID_URL'
  | 'USAGE_NO_TARGET'
  | 'ABORTED'
  | 'FS_NOT_OWNED'
  | 'SQLITE_NOT_FOUND'
  | 'SQLITE_NOT_A_DATABASE'
  | 'SQLITE_CORRUPT'
  | 'SQLITE_LOCKED'
  | 'SQLITE_ENCRYPTED'
  | 'SQLITE_BAD_UTF8'
  | 'MAP_IDENTIFIER_COLLISION'
  | 'MAP_BAD_CAST_RULE'
  | 'MAP_UNSUPPORTED'
  | 'MAP_MIXED_TYPES'
  | 'PLAN_TARGET_EXISTS'
  | 'PLAN_TARGET_MISMATCH'
  | 'PLAN_DATA_ONLY_BLOCKED'
  | 'PG_UNREACHABLE'
  | 'PG_DATABASE_NOT_FOUND'
  | 'PG_AUTH_FAILED'
  | 'PG_PERMISSION_DENIED'
  | 'PG_STATEMENT_TIMEOUT'
  | 'PG_TIMEOUT'
  | 'PG_DISK_FULL'
  | 'PG_DDL_FAILED'
  | 'PG_QUERY_FAILED'
  | 'COPY_VALUE_REJECTED'
  | 'COPY_FAILED'
  | 'VERIFY_MISMATCH'
  | 'RESUME_UNFINISHED_RUN'
  | 'RESUME_NO_RUN'
  | 'RESUME_SOURCE_CHANGED'
  | 'MIGRATION_IN_PROGRESS'
  | 'MIGRATION_INCOMPLETE_SCHEMA'
  | 'REPLICA_PREFLIGHT_FAILED'
  | 'REPLICA_SLOT_ACTIVE'
  | 'REPLICA_BASEBACKUP_FAILED'
  | 'REPLICA_NOT_STREAMING'
  | 'REPLICA_CONFIG'
  | 'REPLICA_NOT_PROMOTABLE'
  | 'REPLICA_PROMOTE_FAILED'
  | 'REPLICA_PGBOUNCER_NOT_REPOINTED'
  | 'REPLICA_REWIND_IMPOSSIBLE'
  | 'REPLICA_REWIND_FAILED'
  | 'PGBOUNCER_NOT_INSTALLED'
  | 'PGBOUNCER_CONFIG'
  | 'PGBOUNCER_START_FAILED'
  | 'PGBOUNCER_CHECK_FAILED'
  | 'SANDBOX_NO_SERVER_BINARIES'
  | 'SANDBOX_START_FAILED'
  | 'SANDBOX_NOT_FOUND'
  | 'SANDBOX_DIR_UNREACHABLE'
  | 'ONLINE_NOT_WAL'
  | 'ONLINE_CAPTURE_CONFLICT'
  | 'ONLINE_NO_RUN'
  | 'ONLINE_SCHEMA_CHANGED'
  | 'ONLINE_LOG_DAMAGED'
  | 'ONLINE_BUSY'
  | 'ONLINE_PAUSE_TOO_LONG'
  | 'ONLINE_APPLY_FAILED'
  | 'ONLINE_FENCED';

/** What a CatdbError carries besides its code and message. */
export interface CatdbErrorOptions {
  /** What the user can do about it, in one sentence. */
  hint?: string;
  /** The object the error concerns: table, column, rowid, slot, file… */
  details?: Record<string, unknown>;
  cause?: unknown;
}

/** The one error class catdb throws. The CLI maps `code` to an exit code in one place. */
export class CatdbError extends Error {
  readonly code: CatdbErrorCode;
  readonly hint: string | undefined;
  readonly details: Record<string, unknown>;

  constructor(code: CatdbErrorCode, message: string, options: CatdbErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'CatdbError';
    this.code = code;
    this.hint = options.hint;
    this.details = options.details ?? {};
  }

  toJSON(): Record<string, unknown> {
    return { name: this.name, code: this.code, message: this.message, hint: this.hint, details: this.details };
  }
}

/**
 * True when `err` is a CatdbError, and, when `code` is given, one with that code. Narrows the
 * type, so `err.code`, `err.hint` and `err.details` are usable afterwards. Never throws.
 */
export function isCatdbError(err: unknown, code?: CatdbErrorCode): err is CatdbError {
  return err instanceof CatdbError && (code === undefined || err.code === code);
}

/** Throws `ABORTED` when the signal has fired; call between steps of long operations. */
export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) {
    throw new CatdbError('ABORTED', 'Operation aborted', { cause: signal.reason });
  }
}
