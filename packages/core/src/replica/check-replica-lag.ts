import { getReplicationStatus, type ReplicationStatusOptions } from './get-replication-status.js';
import { mapLagVerdict, type LagThresholds } from './map-lag-verdict.js';
import type { LagReport } from './types.js';

/** Options of checkReplicaLag: where the primary and standbys are, and the warning and critical thresholds. */
export interface CheckReplicaLagOptions extends ReplicationStatusOptions, LagThresholds {}

/**
 * Reads replication status within `timeoutMs` (default 10 s) and judges it (see
 * mapLagVerdict): exitCode 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN. Read-only. Errors: PG_*
 * when the primary cannot be read in time, ABORTED (callers report both as UNKNOWN).
 */
export async function checkReplicaLag(options: CheckReplicaLagOptions): Promise<LagReport> {
  const status = await getReplicationStatus(options);
  return mapLagVerdict(status, { warn: options.warn, crit: options.crit });
}
