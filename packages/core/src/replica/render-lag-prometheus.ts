import { CHECK_EXIT_CODE } from '../monitoring/check-state.js';
import { renderPrometheus, type PrometheusFamily as Family } from '../monitoring/render-prometheus.js';
import type { LagReport } from './types.js';

const seconds = (us: number): string => String(us / 1_000_000);

/**
 * The lag report in the Prometheus text exposition format (version 0.0.4): gauges only,
 * bytes as exact integers, seconds as decimals. Series whose value is unknown are left out
 * rather than reported as 0. Pure.
 */
export function renderLagPrometheus(report: LagReport): string {
  const f = (name: string, help: string): Family => ({ name, help, samples: [] });
  const check = f('catdb_replica_check_status', 'Overall result: 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN (Nagios codes).');
  const up = f('catdb_replica_primary_up', '1 when the primary answered the status queries.');
  const timeline = f('catdb_replica_timeline', 'Timeline ID of the primary (role="primary") and of each standby that was asked (role="standby").');
  const standbyStatus = f('catdb_replica_standby_status', 'Per standby: 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN.');
  const streaming = f('catdb_replica_streaming', '1 when a walsender on the primary is streaming (or catching up) to the standby, else 0.');
  const behind = f('catdb_replica_wal_behind_bytes', "Bytes of WAL between the primary's current LSN and the standby's sent/write/flush/replay position.");
  const lag = f('catdb_replica_lag_seconds', 'pg_stat_replication write/flush/replay lag in seconds; 0 when idle and caught up; absent when unknown.');
  const sinceReplay = f('catdb_replica_seconds_since_last_replay', 'Seconds since the standby last replayed a transaction; only exported while bytes are behind.');
  const slotActive = f('catdb_replication_slot_active', '1 when a walsender uses the physical slot, else 0.');
  const retained = f('catdb_replication_slot_retained_wal_bytes', 'Bytes of WAL the slot keeps on the primary (current LSN - restart_lsn).');
  const safe = f('catdb_replication_slot_safe_wal_size_bytes', 'Bytes that can be written before the slot risks losing WAL; absent when unlimited.');

  check.samples.push([{}, String(CHECK_EXIT_CODE[report.state])]);
  up.samples.push([{}, '1']);
  timeline.samples.push([{ role: 'primary', standby: '' }, String(report.status.primary.timeline)]);
  for (const s of report.standbys) {
    const l = { standby: s.name };
    standbyStatus.samples.push([{ ...l, condition: s.condition }, String(CHECK_EXIT_CODE[s.state])]);
    streaming.samples.push([l, s.walsenderState === 'streaming' || s.walsenderState === 'catchup' ? '1' : '0']);
    if (s.standbyTimeline !== null) timeline.samples.push([{ role: 'standby', standby: s.name }, String(s.standbyTimeline)]);
    const stages: Array<[string, bigint | null]> = [['sent', s.bytesNotSent], ['write', s.bytesNotWritten], ['flush', s.bytesNotFlushed], ['replay', s.bytesNotReplayed]];
    for (const [stage, bytes] of stages) if (bytes !== null) behind.samples.push([{ ...l, stage }, bytes.toString()]);
    const lags: Array<[string, number | null]> = [['write', s.writeLagUs], ['flush', s.flushLagUs], ['replay', s.replayLagUs]];
    for (const [stage, us] of lags) if (us !== null) lag.samples.push([{ ...l, stage }, seconds(us)]);
    if (s.sinceLastReplayUs !== null) sinceReplay.samples.push([l, seconds(s.sinceLastReplayUs)]);
  }
  for (const slot of report.status.slots.filter((x) => x.slotType === 'physical')) {
    const l = { slot: slot.slotName, wal_status: slot.walStatus ?? '' };
    slotActive.samples.push([l, slot.active ? '1' : '0']);
    if (slot.retainedWalBytes !== null) retained.samples.push([l, slot.retainedWalBytes.toString()]);
    if (slot.safeWalSizeBytes !== null) safe.samples.push([l, slot.safeWalSizeBytes.toString()]);
  }
  return renderPrometheus([check, up, timeline, standbyStatus, streaming, behind, lag, sinceReplay, slotActive, retained, safe]);
}

/** What to expose when the primary could not be read: status UNKNOWN, primary down. */
export function renderLagPrometheusUnknown(): string {
  return renderPrometheus([
    { name: 'catdb_replica_check_status', help: 'Overall result: 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN (Nagios codes).', samples: [[{}, '3']] },
    { name: 'catdb_replica_primary_up', help: '1 when the primary answered the status queries.', samples: [[{}, '0']] },
  ]);
}
