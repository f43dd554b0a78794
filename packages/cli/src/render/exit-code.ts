import { CatdbError } from '@catdb/core';

/** Exit codes shared by every command (replica lag and pgbouncer check use Nagios codes of their own). */
export const ExitCode = {
  ok: 0,
  failed: 1,
  usage: 2,
  verifyMismatch: 3,
  /** EX_TEMPFAIL of sysexits.h: another migration holds the target schema; trying later can succeed. */
  busy: 75,
  interrupted: 130,
} as const;

/** The one mapping from errors to exit codes. */
export function exitCodeFor(err: unknown): number {
  if (err instanceof CatdbError) {
    if (err.code === 'ABORTED') return ExitCode.interrupted;
    if (err.code === 'USAGE_INVALID_OPTION') return ExitCode.usage;
    if (err.code === 'VERIFY_MISMATCH') return ExitCode.verifyMismatch;
    if (err.code === 'MIGRATION_IN_PROGRESS') return ExitCode.busy;
  }
  return ExitCode.failed;
}
