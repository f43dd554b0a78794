import { rangeAlerts, renderNagiosRange, type NagiosRange } from '../monitoring/nagios-range.js';
import { formatBytes, thresholdRanges, type LagThreshold } from './parse-threshold.js';
import { CHECK_EXIT_CODE, worstState, type CheckState } from '../monitoring/check-state.js';
import type { ThresholdView, LagReport, ReplicaSide, ReplicationStatus, SlotOnPrimary, StandbyOnPrimary, StandbyVerdict } from './types.js';

/** Warning and critical lag thresholds (bytes and/or time) for mapLagVerdict and checkReplicaLag. */
export interface LagThresholds {
  warn?: LagThreshold | undefined;
  crit?: LagThreshold | undefined;
}

const worse = (a: CheckState, b: CheckState): CheckState => worstState([a, b]);

/** Walsenders that are not standbys: pg_basebackup's own WAL stream and backups in progress. */
const isBackupSender = (s: StandbyOnPrimary): boolean => s.state === 'backup' || s.applicationName === 'pg_basebackup';

function formatUs(us: number): string {
  if (us < 1000) return `${us} µs`;
  if (us < 1_000_000) return `${(us / 1000).toFixed(1)} ms`;
  return `${(us / 1_000_000).toFixed(1)} s`;
}

interface Expected {
  name: string;
  slot: SlotOnPrimary | undefined;
  sender: StandbyOnPrimary | undefined;
  replica: ReplicaSide | undefined;
}

/** Pairs slots, walsenders and standby URLs that describe the same standby. */
function expectedStandbys(status: ReplicationStatus): Expected[] {
  const out: Expected[] = [];
  const senders = status.standbys.filter((s) => !isBackupSender(s));
  for (const slot of status.slots.filter((s) => s.slotType === 'physical')) {
    out.push({ name: slot.slotName, slot, sender: senders.find((s) => s.pid === slot.activePid), replica: undefined });
  }
  for (const sender of senders) {
    if (!out.some((e) => e.sender === sender)) out.push({ name: sender.applicationName || `pid ${sender.pid}`, slot: undefined, sender, replica: undefined });
  }
  for (const replica of status.replicas) {
    const match = replica.slotName ? out.find((e) => e.slot?.slotName === replica.slotName && !e.replica) : undefined;
    if (match) match.replica = replica;
    else out.push({ name: replica.url, slot: undefined, sender: undefined, replica });
  }
  return out;
}

/** What a range alerts on, in words: `limit 16 MB`, `minimum 1 MB`, `inside 1 MB–16 MB`. */
function describeRange<T extends bigint | number>(r: NagiosRange<T>, show: (v: T) => string): string {
  const from = r.start === null ? '−∞' : show(r.start);
  const to = r.end === null ? '∞' : show(r.end);
  if (r.inside) return `alert range inside ${from}–${to}`;
  if (r.end === null) return `minimum ${from}`;
  return r.start === null || Number(r.start) === 0 ? `limit ${to}` : `alert range outside ${from}–${to}`;
}

function overThreshold(t: LagThreshold | undefined, bytes: bigint | null, lagUs: number | null): string | undefined {
  const r = thresholdRanges(t);
  if (r.bytes && bytes !== null && rangeAlerts(r.bytes, bytes)) return `${formatBytes(bytes)} behind (${describeRange(r.bytes, formatBytes)})`;
  // Time ranges are in milliseconds and delays in microseconds: compare without rounding either.
  const us = r.ms && { start: r.ms.start === null ? null : r.ms.start * 1000, end: r.ms.end === null ? null : r.ms.end * 1000, inside: r.ms.inside };
  if (us && lagUs !== null && rangeAlerts(us, lagUs)) return `${formatUs(lagUs)} behind (${describeRange(us, formatUs)})`;
  return undefined;
}

function verdictFor(e: Expected, status: ReplicationStatus, thresholds: LagThresholds): StandbyVerdict {
  const { sender, slot, replica } = e;
  const streaming = sender !== undefined && (sender.state === 'streaming' || sender.state === 'catchup');
  const bytesBehind = sender?.bytesNotReplayed ?? (replica?.reachable ? replica.bytesReceivedNotReplayed : null);
  const behind = bytesBehind !== null && bytesBehind > 0n;
  // replay_lag is NULL once an idle standby has caught up: with nothing behind that is zero delay.
  const sinceLastReplayUs = behind && replica?.lastReplayAgeUs != null ? Math.max(0, replica.lastReplayAgeUs) : null;
  const lagUs = streaming ? (sender!.replayLagUs ?? (behind ? sinceLastReplayUs : 0)) : null;
  const v: StandbyVerdict = {
    name: e.name,
    condition: 'streaming',
    state: 'OK',
    reasons: [],
    slotName: slot?.slotName ?? sender?.slotName ?? replica?.slotName ?? null,
    applicationName: sender?.applicationName ?? null,
    replicaUrl: replica?.url ?? null,
    walsenderState: sender?.state ?? null,
    bytesBehind,
    bytesNotSent: sender?.bytesNotSent ?? null,
    bytesNotWritten: sender?.bytesNotWritten ?? null,
    bytesNotFlushed: sender?.bytesNotFlushed ?? null,
    bytesNotReplayed: sender?.bytesNotReplayed ?? null,
    lagUs,
    writeLagUs: sender ? (sender.writeLagUs ?? (sender.bytesNotWritten === 0n ? 0 : null)) : null,
    flushLagUs: sender ? (sender.flushLagUs ?? (sender.bytesNotFlushed === 0n ? 0 : null)) : null,
    replayLagUs: sender ? (sender.replayLagUs ?? (sender.bytesNotReplayed === 0n ? 0 : null)) : null,
    sinceLastReplayUs,
    slotActive: slot?.active ?? null,
    walStatus: slot?.walStatus ?? null,
    retainedWalBytes: slot?.retainedWalBytes ?? null,
    safeWalSizeBytes: slot?.safeWalSizeBytes ?? null,
    primaryTimeline: status.primary.timeline,
    standbyTimeline: replica?.timeline ?? null,
  };
  const flag = (state: CheckState, condition: StandbyVerdict['condition'] | undefined, reason: string): void => {
    if (state !== v.state && worse(v.state, state) === state && condition) v.condition = condition;
    v.state = worse(v.state, state);
    v.reasons.push(reason);
  };

  if (replica && !replica.reachable) {
    if (streaming) flag('UNKNOWN', 'unreachable', `standby ${replica.url} unreachable: ${replica.error ?? 'no answer'}`);
    else flag('CRITICAL', 'not-streaming', `standby ${replica.url} unreachable: ${replica.error ?? 'no answer'}`);
  }
  if (replica?.inRecovery === false) flag('CRITICAL', 'not-in-recovery', 'standby is not in recovery (promoted?)');
  if (!streaming) {
    const parts = [sender ? `walsender is in state ${sender.state}` : 'no walsender on the primary'];
    if (slot) parts.push(`slot ${slot.slotName} ${slot.active ? 'active' : 'inactive'}, retains ${slot.retainedWalBytes === null ? 'no' : formatBytes(slot.retainedWalBytes)} of WAL`);
    if (replica?.reachable) parts.push(`standby receiver ${replica.receiverStatus ?? 'not running'}`);
    flag('CRITICAL', 'not-streaming', `not streaming: ${parts.join('; ')}`);
  }
  if (v.standbyTimeline !== null && v.standbyTimeline < v.primaryTimeline && streaming) {
    // Just after a failover a standby that follows still replays the old timeline up to the
    // fork: a passing state while the walsender streams to it, not a broken standby.
    flag('WARNING', undefined, `following the new timeline ${v.primaryTimeline} (still on timeline ${v.standbyTimeline})`);
  } else if (v.standbyTimeline !== null && v.standbyTimeline !== v.primaryTimeline) {
    flag('CRITICAL', 'timeline-mismatch', `standby on timeline ${v.standbyTimeline}, primary on ${v.primaryTimeline}`);
  }
  if (slot?.walStatus === 'lost') flag('CRITICAL', 'not-streaming', `slot ${slot.slotName} has lost WAL the standby needs; rebuild it`);
  else if (slot?.walStatus === 'unreserved') flag('WARNING', undefined, `slot ${slot.slotName} is past max_slot_wal_keep_size; WAL will be removed at the next checkpoint`);
  if (streaming) {
    const crit = overThreshold(thresholds.crit, bytesBehind, lagUs);
    const warn = crit ? undefined : overThreshold(thresholds.warn, bytesBehind, lagUs);
    if (crit) flag('CRITICAL', 'lagging', `lagging: ${crit}`);
    else if (warn) flag('WARNING', 'lagging', `lagging: ${warn}`);
    if (sender!.state === 'catchup') v.reasons.push('walsender is catching up');
    if (v.state === 'OK' || v.condition === 'streaming') {
      v.reasons.push(behind ? `streaming, ${formatBytes(bytesBehind!)} behind${lagUs !== null ? `, ${formatUs(lagUs)}` : ''}` : 'streaming, caught up');
    }
  }
  return v;
}

/** How a report shows a threshold: plain limits as before, and every range in perfdata units. */
function thresholdView(t: LagThreshold | undefined): ThresholdView {
  const r = thresholdRanges(t);
  const plain = <T extends bigint | number>(x: NagiosRange<T> | undefined): T | null => (x && !x.inside && x.end !== null && (x.start === null || Number(x.start) === 0) ? x.end : null);
  return {
    bytes: plain(r.bytes),
    ms: plain(r.ms),
    range: { bytes: r.bytes ? renderNagiosRange(r.bytes) : null, seconds: r.ms ? renderNagiosRange(r.ms, (ms) => String(ms / 1000)) : null },
  };
}

/**
 * Turns a replication snapshot into Nagios states: every physical slot, walsender and given
 * standby URL is an expected standby; one with no streaming walsender is CRITICAL
 * "not-streaming" (never merely lagging); otherwise bytes not replayed and replay delay are
 * compared with the thresholds as Nagios ranges (a plain limit alerts above it; either
 * alerting counts). Nothing to check is UNKNOWN.
 * Pure.
 */
export function mapLagVerdict(status: ReplicationStatus, thresholds: LagThresholds = {}): LagReport {
  const standbys = expectedStandbys(status).map((e) => verdictFor(e, status, thresholds));
  let state: CheckState = standbys.length === 0 ? 'UNKNOWN' : 'OK';
  for (const s of standbys) state = worse(state, s.state);
  // A standby's own state only where it differs from the overall one: the status line starts with that.
  const summary =
    standbys.length === 0
      ? 'no standby, replication slot or --replica to check'
      : standbys.map((s) => `${s.name}: ${s.state === 'OK' || s.state === state ? '' : s.state + ' '}${s.reasons.join('; ')}`).join(', ');
  return { state, exitCode: CHECK_EXIT_CODE[state], summary, thresholds: { warn: thresholdView(thresholds.warn), crit: thresholdView(thresholds.crit) }, standbys, status };
}
