// Every entry point of the package as a user's compiler loads it (skipLibCheck off, no
// declaration package but Node's): a declaration that pulled in a driver's types would fail here.
import { migrateSqliteToPg, type MigrateOptions } from '@catdb/core';
import { renderPgbouncerConfig, type InitPgbouncerOptions } from '@catdb/core/pgbouncer';
import { initReplica, type InitReplicaOptions } from '@catdb/core/replica';
import { startSandbox, type StartSandboxOptions } from '@catdb/core/sandbox';
import { migrateOnline, type CutoverResult, type MigrateOnlineOptions } from '@catdb/core/online';
import { resolveTarget, type ResolveTargetOptions } from '@catdb/core/local';
import { renderNagiosStatus, type CheckState } from '@catdb/core/monitoring';
import { claimDir, type ClaimDirOptions } from '@catdb/core/fs';

export interface EveryEntry {
  migrate: [typeof migrateSqliteToPg, MigrateOptions];
  pgbouncer: [typeof renderPgbouncerConfig, InitPgbouncerOptions];
  replica: [typeof initReplica, InitReplicaOptions];
  sandbox: [typeof startSandbox, StartSandboxOptions];
  online: [typeof migrateOnline, MigrateOnlineOptions, CutoverResult['counts'][number]['table']];
  local: [typeof resolveTarget, ResolveTargetOptions];
  monitoring: [typeof renderNagiosStatus, CheckState];
  fs: [typeof claimDir, ClaimDirOptions];
}
