// Public API of the replica area; re-exported from the package index.
export { preparePrimary, DEFAULT_REPLICATION_USER, type PreparePrimaryOptions, type PreparePrimaryResult } from './prepare-primary.js';
export { initReplica, defaultSlotName, type InitReplicaOptions, type InitReplicaResult } from './init-replica.js';
export { getReplicationStatus, type ReplicationStatusOptions } from './get-replication-status.js';
export { checkReplicaLag, type CheckReplicaLagOptions } from './check-replica-lag.js';
export { removeReplica, type RemoveReplicaOptions, type RemoveReplicaResult } from './remove-replica.js';
export { mapLagVerdict, type LagThresholds } from './map-lag-verdict.js';
export { renderLagPrometheus, renderLagPrometheusUnknown } from './render-lag-prometheus.js';
export { renderLagNagios, LAG_SERVICE } from './render-lag-nagios.js';
export { parseThreshold, thresholdRanges, formatBytes, type LagThreshold } from './parse-threshold.js';
export { renderScramVerifier, scramVerifierMatches } from '../scram/render-scram-verifier.js';
export { renderHbaLine } from './plan-hba-edit.js';
export { planPreflight, type PreflightFacts, type PreflightPlan } from './plan-preflight.js';
export { readPasswordFile, writeNewPasswordFile } from './password-file.js';
export { standbySideDir } from './standby-files.js';
export { startStandbyServer, stopStandbyServer } from './run-standby.js';
export type { StreamingConfirmation } from './wait-for-streaming.js';
export {
  type LagReport,
  type ThresholdView,
  type PrepareAction,
  type PreflightCheck,
  type PrimarySide,
  type ReplicaEvent,
  type ReplicaSide,
  type ReplicaStep,
  type ReplicationStatus,
  type SlotOnPrimary,
  type StandbyCondition,
  type StandbyOnPrimary,
  type StandbyVerdict,
} from './types.js';
export { promoteReplica, type PromoteReplicaOptions, type PromoteReplicaResult } from './promote-replica.js';
export { planPromote, type PromoteFacts, type PromotePlan } from './plan-promote.js';
export { followPrimary, type FollowPrimaryOptions, type FollowPrimaryResult } from './follow-primary.js';
export { planFollow, type FollowFacts, type FollowPlan } from './plan-follow.js';
export { rejoinPrimary, type RejoinPrimaryOptions, type RejoinPrimaryResult } from './rejoin-primary.js';
