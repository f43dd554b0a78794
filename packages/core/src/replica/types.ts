import type { CheckState } from '../monitoring/check-state.js';

/** One standby as the primary sees it (pg_stat_replication joined to its slot). */
export interface StandbyOnPrimary {
  /** walsender process id on the primary. */
  pid: number;
  applicationName: string;
  clientAddr: string | null;
  /** pg_stat_replication.state: startup, catchup, streaming, backup, stopping. */
  state: string;
  /** async, potential, sync or quorum. */
  syncState: string;
  /** The physical slot this walsender serves, when it uses one. */
  slotName: string | null;
  sentLsn: string | null;
  writeLsn: string | null;
  flushLsn: string | null;
  replayLsn: string | null;
  /** Bytes of WAL between the primary's current LSN and each position (pg_wal_lsn_diff). */
  bytesNotSent: bigint | null;
  bytesNotWritten: bigint | null;
  bytesNotFlushed: bigint | null;
  bytesNotReplayed: bigint | null;
  /** pg_stat_replication write/flush/replay_lag in microseconds; NULL when the standby is idle and caught up. */
  writeLagUs: number | null;
  flushLagUs: number | null;
  replayLagUs: number | null;
  replyAt: string | null;
}

/** A replication slot on the primary and the WAL it keeps. */
export interface SlotOnPrimary {
  slotName: string;
  slotType: string;
  active: boolean;
  activePid: number | null;
  restartLsn: string | null;
  /** reserved, extended, unreserved or lost (NULL for a slot that never reserved WAL). */
  walStatus: string | null;
  /** WAL the slot holds back on the primary: current LSN − restart_lsn, in bytes. */
  retainedWalBytes: bigint | null;
  /** Bytes that can still be written before the slot is in danger of losing WAL (NULL = unlimited). */
  safeWalSizeBytes: bigint | null;
}

/** What a standby reports about itself (pg_stat_wal_receiver and recovery functions). */
export interface ReplicaSide {
  /** The standby URL with any password redacted. */
  url: string;
  reachable: boolean;
  error?: string;
  inRecovery: boolean | null;
  /** pg_stat_wal_receiver.status (streaming, stopping, …) or null when no receiver runs. */
  receiverStatus: string | null;
  receiverPid: number | null;
  slotName: string | null;
  senderHost: string | null;
  senderPort: number | null;
  /** Timeline the standby receives from (receiver) or replays on (control file). */
  timeline: number | null;
  receivedLsn: string | null;
  replayLsn: string | null;
  /** Bytes between the last received and the last replayed LSN on the standby. */
  bytesReceivedNotReplayed: bigint | null;
  /**
   * now() − pg_last_xact_replay_timestamp() in microseconds, as read. Meaningless on its own:
   * an idle primary makes it grow while nothing is behind, so verdicts use it only when bytes are behind.
   */
  lastReplayAgeUs: number | null;
}

export interface PrimarySide {
  url: string;
  serverVersionNum: number;
  inRecovery: boolean;
  currentLsn: string;
  /** Timeline of the primary's current WAL segment. */
  timeline: number;
  systemIdentifier: string;
}

/** A snapshot of replication on one primary and, optionally, its standbys. */
export interface ReplicationStatus {
  collectedAt: string;
  primary: PrimarySide;
  standbys: StandbyOnPrimary[];
  slots: SlotOnPrimary[];
  replicas: ReplicaSide[];
}


/**
 * How one expected standby is doing: `streaming` (within thresholds), `lagging`
 * (over a threshold), `not-streaming` (slot or replica known, no streaming walsender),
 * `timeline-mismatch`, `not-in-recovery` (promoted), `unreachable` (replica URL).
 */
export type StandbyCondition = 'streaming' | 'lagging' | 'not-streaming' | 'timeline-mismatch' | 'not-in-recovery' | 'unreachable';

/** One standby judged against the lag thresholds: its condition, its lag, and the check state. */
export interface StandbyVerdict {
  /** Slot name, else application_name, else replica URL. */
  name: string;
  condition: StandbyCondition;
  state: CheckState;
  reasons: string[];
  slotName: string | null;
  applicationName: string | null;
  replicaUrl: string | null;
  walsenderState: string | null;
  /** WAL not yet replayed on the standby, bytes (from the primary, else from the standby). */
  bytesBehind: bigint | null;
  bytesNotSent: bigint | null;
  bytesNotWritten: bigint | null;
  bytesNotFlushed: bigint | null;
  bytesNotReplayed: bigint | null;
  /** Delay used against time thresholds, microseconds: replay_lag, 0 when caught up, else time since last replay. */
  lagUs: number | null;
  writeLagUs: number | null;
  flushLagUs: number | null;
  replayLagUs: number | null;
  sinceLastReplayUs: number | null;
  slotActive: boolean | null;
  walStatus: string | null;
  retainedWalBytes: bigint | null;
  safeWalSizeBytes: bigint | null;
  primaryTimeline: number;
  standbyTimeline: number | null;
}

/** A lag threshold as a report shows it. */
export interface ThresholdView {
  /** The limit in bytes when the threshold is a plain one (alert above it), else null. */
  bytes: bigint | null;
  /** The limit in milliseconds when the time threshold is a plain one, else null. */
  ms: number | null;
  /** Every threshold as a Nagios range in perfdata units (bytes, seconds); null when not set. */
  range: { bytes: string | null; seconds: string | null };
}

/** Result of `checkReplicaLag`: one overall Nagios state and one verdict per standby. */
export interface LagReport {
  state: CheckState;
  exitCode: 0 | 1 | 2 | 3;
  summary: string;
  thresholds: { warn: ThresholdView; crit: ThresholdView };
  standbys: StandbyVerdict[];
  status: ReplicationStatus;
}

/** A named preflight check with its outcome. */
export interface PreflightCheck {
  name: string;
  ok: boolean;
  /** What was found (ok) or why it failed (FAIL). */
  detail: string;
}

/** Progress of replica operations, for the CLI to render (never holds a secret). */
export type ReplicaEvent =
  | { type: 'replica.check'; check: PreflightCheck }
  | { type: 'replica.step'; step: ReplicaStep; status: 'start' | 'done' | 'skipped'; detail?: string }
  | { type: 'replica.prepare'; action: PrepareAction }
  | { type: 'replica.cleanup'; what: string; ok: boolean; detail?: string }
  | { type: 'replica.waiting'; primaryState: string | null; receiverStatus: string | null; elapsedMs: number };

/** The steps of replica operations; `replica.step` events name them. */
export type ReplicaStep =
  | 'preflight'
  | 'create-slot'
  | 'write-passfile'
  | 'base-backup'
  | 'write-config'
  | 'start-standby'
  | 'wait-streaming'
  | 'drop-slot'
  | 'remove-data-dir'
  | 'check-candidate'
  | 'promote'
  | 'wait-writable'
  | 'repoint-pgbouncer'
  | 'stop-standby'
  | 'rewind'
  | 'record-sandbox';

/** One thing prepare-primary checks or changes; `apply` false means it is already right. */
export type PrepareAction =
  | { kind: 'setting'; name: string; current: string; target: string; apply: boolean; needsRestart: boolean; note?: string }
  | { kind: 'create-role'; role: string; apply: boolean }
  | { kind: 'role-attributes'; role: string; missing: string[]; apply: boolean }
  | { kind: 'role-exists'; role: string; passwordMatches: boolean | null; apply: false }
  | { kind: 'hba'; file: string; line: string; apply: boolean; writable: boolean; reason?: string }
  | { kind: 'reload'; apply: boolean };
