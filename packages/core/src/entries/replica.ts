// @catdb/core/replica: preparing a primary, streaming standbys, their status and lag (with the
// Nagios and Prometheus renderings of the lag check), promote, follow, rejoin. Re-exports only.
export { preparePrimary, DEFAULT_REPLICATION_USER, type PreparePrimaryOptions, type PreparePrimaryResult } from '../replica/prepare-primary.js';
export { initReplica, defaultSlotName, type InitReplicaOptions, type InitReplicaResult } from '../replica/init-replica.js';
export { removeReplica, type RemoveReplicaOptions, type RemoveReplicaResult } from '../replica/remove-replica.js';
export { promoteReplica, type PromoteReplicaOptions, type PromoteReplicaResult } from '../replica/promote-replica.js';
export { followPrimary, type FollowPrimaryOptions, type FollowPrimaryResult } from '../replica/follow-primary.js';
export { rejoinPrimary, type RejoinPrimaryOptions, type RejoinPrimaryResult } from '../replica/rejoin-primary.js';
export { getReplicationStatus, type ReplicationStatusOptions } from '../replica/get-replication-status.js';
export { checkReplicaLag, type CheckReplicaLagOptions } from '../replica/check-replica-lag.js';
export { mapLagVerdict, type LagThresholds } from '../replica/map-lag-verdict.js';
export { parseThreshold, formatBytes, type LagThreshold } from '../replica/parse-threshold.js';
export { renderLagNagios, LAG_SERVICE } from '../replica/render-lag-nagios.js';
export { renderLagPrometheus, renderLagPrometheusUnknown } from '../replica/render-lag-prometheus.js';
export type {
  LagReport,
  ThresholdView,
  PrepareAction,
  PreflightCheck,
  ReplicaEvent,
  ReplicaSide,
  ReplicaStep,
  ReplicationStatus,
  SlotOnPrimary,
  StandbyCondition,
  StandbyOnPrimary,
  StandbyVerdict,
} from '../replica/types.js';
