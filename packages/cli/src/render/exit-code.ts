import { CatdbError } from '@catdb/core';

/** Exit codes shared by every command (replica lag and pgbouncer check use the Nagios codes of core's CHECK_EXIT_CODE). */
export const ExitCode = {
  ok: 0,
  failed: 1,
  usage: 2,
  verifyMismatch: 3,
  /** The data committed, but some schema object of the source was not created (see --allow-incomplete-schema). */
  incompleteSchema: 4,
  /** The change itself is made (a standby promoted), a follow-up step is not; the error names the command that finishes it. */
  followUpNeeded: 5,
  /** EX_TEMPFAIL of sysexits.h: another migration holds the target schema; trying later can succeed. */
  busy: 75,
  interrupted: 130,
} as const;

/** The one mapping from errors to exit codes. */
export function exitCodeFor(err: unknown): number {
  if (err instanceof CatdbError) {
    if (err.code === 'ABORTED') return ExitCode.interrupted;
    // A cast rule comes from the command line (or the caller's options): reading it is usage.
    if (err.code.startsWith('USAGE_') || err.code === 'MAP_BAD_CAST_RULE') return ExitCode.usage;
    if (err.code === 'VERIFY_MISMATCH') return ExitCode.verifyMismatch;
    if (err.code === 'MIGRATION_IN_PROGRESS') return ExitCode.busy;
    if (err.code === 'MIGRATION_INCOMPLETE_SCHEMA') return ExitCode.incompleteSchema;
    if (err.code === 'REPLICA_PGBOUNCER_NOT_REPOINTED') return ExitCode.followUpNeeded;
  }
  return ExitCode.failed;
}
