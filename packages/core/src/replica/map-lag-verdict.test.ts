import { describe, expect, it } from 'vitest';
import { mapLagVerdict } from './map-lag-verdict.js';
import { renderLagNagios } from './render-lag-nagios.js';
import { renderLagPrometheus } from './render-lag-prometheus.js';
import type { ReplicaSide, ReplicationStatus, SlotOnPrimary, StandbyOnPrimary } from './types.js';

const MB = 1024n * 1024n;

function sender(over: Partial<StandbyOnPrimary> = {}): StandbyOnPrimary {
  return {
    pid: 100, applicationName: 's1', clientAddr: '127.0.0.1', state: 'streaming', syncState: 'async', slotName: 's1',
    sentLsn: '0/3000000', writeLsn: '0/3000000', flushLsn: '0/3000000', replayLsn: '0/3000000',
    bytesNotSent: 0n, bytesNotWritten: 0n, bytesNotFlushed: 0n, bytesNotReplayed: 0n,
    writeLagUs: null, flushLagUs: null, replayLagUs: null, replyAt: null, ...over,
  };
}
function slot(over: Partial<SlotOnPrimary> = {}): SlotOnPrimary {
  return { slotName: 's1', slotType: 'physical', active: true, activePid: 100, restartLsn: '0/3000000', walStatus: 'reserved', retainedWalBytes: 0n, safeWalSizeBytes: null, ...over };
}
function replica(over: Partial<ReplicaSide> = {}): ReplicaSide {
  return {
    url: 'postgres://postgres@127.0.0.1:6001/postgres', reachable: true, inRecovery: true, receiverStatus: 'streaming', receiverPid: 7,
    slotName: 's1', senderHost: '127.0.0.1', senderPort: 5432, timeline: 1, receivedLsn: '0/3000000', replayLsn: '0/3000000',
    bytesReceivedNotReplayed: 0n, lastReplayAgeUs: 3_600_000_000, ...over,
  };
}
function status(over: Partial<ReplicationStatus> = {}): ReplicationStatus {
  return {
    collectedAt: '2026-01-01T00:00:00.000Z',
    primary: { url: 'postgres://postgres@127.0.0.1:5432/postgres', serverVersionNum: 150000, inRecovery: false, currentLsn: '0/3000000', timeline: 1, systemIdentifier: '1' },
    standbys: [sender()], slots: [slot()], replicas: [], ...over,
  };
}

describe('mapLagVerdict', () => {
  const cases: Array<{ name: string; status: ReplicationStatus; warn?: object; crit?: object; state: string; condition?: string; reason?: RegExp }> = [
    { name: 'idle and caught up: NULL lag with 0 bytes is OK even though the last replay was an hour ago', status: status({ replicas: [replica()] }), crit: { ms: 30_000 }, state: 'OK', condition: 'streaming', reason: /caught up/ },
    { name: 'bytes behind under the warning limit', status: status({ standbys: [sender({ bytesNotReplayed: 1000n, replayLagUs: 2000 })] }), warn: { bytes: 16n * MB }, state: 'OK' },
    { name: 'bytes behind over the warning limit', status: status({ standbys: [sender({ bytesNotReplayed: 20n * MB })] }), warn: { bytes: 16n * MB }, crit: { bytes: 64n * MB }, state: 'WARNING', condition: 'lagging', reason: /20 MB behind/ },
    { name: 'bytes behind over the critical limit', status: status({ standbys: [sender({ bytesNotReplayed: 64n * MB + 1n })] }), warn: { bytes: 16n * MB }, crit: { bytes: 64n * MB }, state: 'CRITICAL', condition: 'lagging' },
    { name: 'replay_lag over the time limit', status: status({ standbys: [sender({ bytesNotReplayed: 10n, replayLagUs: 45_000_000 })] }), warn: { ms: 30_000 }, state: 'WARNING', condition: 'lagging', reason: /45\.0 s/ },
    { name: 'bytes behind, lag NULL: time since last replay stands in', status: status({ standbys: [sender({ bytesNotReplayed: 10n })], replicas: [replica({ lastReplayAgeUs: 90_000_000 })] }), crit: { ms: 60_000 }, state: 'CRITICAL', condition: 'lagging' },
    { name: 'inactive slot without walsender is CRITICAL not-streaming, never lagging', status: status({ standbys: [], slots: [slot({ active: false, activePid: null, retainedWalBytes: 48n * MB })] }), state: 'CRITICAL', condition: 'not-streaming', reason: /inactive, retains 48 MB/ },
    { name: 'replica URL whose receiver is down', status: status({ standbys: [], slots: [], replicas: [replica({ receiverStatus: null, slotName: null })] }), state: 'CRITICAL', condition: 'not-streaming', reason: /receiver not running/ },
    { name: 'replica unreachable while the primary shows it streaming', status: status({ replicas: [replica({ reachable: false, error: 'refused' })] }), state: 'UNKNOWN', condition: 'unreachable' },
    { name: 'replica unreachable and not streaming', status: status({ standbys: [], slots: [slot({ active: false, activePid: null })], replicas: [replica({ reachable: false, error: 'refused' })] }), state: 'CRITICAL', condition: 'not-streaming' },
    { name: 'promoted replica', status: status({ replicas: [replica({ inRecovery: false })] }), state: 'CRITICAL', condition: 'not-in-recovery' },
    { name: 'replica on another timeline', status: status({ replicas: [replica({ timeline: 2 })] }), state: 'CRITICAL', condition: 'timeline-mismatch', reason: /timeline 2, primary on 1/ },
    { name: 'replica still on the old timeline while streaming the new one (just after a failover)', status: status({ primary: { ...status().primary, timeline: 2 }, replicas: [replica({ timeline: 1 })] }), state: 'WARNING', condition: 'streaming', reason: /following the new timeline 2 \(still on timeline 1\)/ },
    { name: 'replica on an old timeline and not streaming', status: status({ primary: { ...status().primary, timeline: 2 }, standbys: [], slots: [slot({ active: false, activePid: null })], replicas: [replica({ timeline: 1, receiverStatus: null })] }), state: 'CRITICAL', condition: 'not-streaming', reason: /standby on timeline 1, primary on 2/ },
    { name: 'slot lost its WAL', status: status({ slots: [slot({ walStatus: 'lost' })] }), state: 'CRITICAL', condition: 'not-streaming' },
    { name: 'slot past max_slot_wal_keep_size', status: status({ slots: [slot({ walStatus: 'unreserved' })] }), state: 'WARNING', condition: 'streaming' },
    { name: 'walsender stuck in startup', status: status({ standbys: [sender({ state: 'startup' })] }), state: 'CRITICAL', condition: 'not-streaming', reason: /state startup/ },
    { name: 'nothing to check', status: status({ standbys: [], slots: [] }), state: 'UNKNOWN' },
    { name: "pg_basebackup's WAL stream is not a standby", status: status({ standbys: [sender({ applicationName: 'pg_basebackup', slotName: null, pid: 5 })], slots: [] }), state: 'UNKNOWN' },
  ];
  it.each(cases)('$name → $state', (c) => {
    const report = mapLagVerdict(c.status, { warn: c.warn, crit: c.crit });
    expect(report.state).toBe(c.state);
    expect(report.exitCode).toBe({ OK: 0, WARNING: 1, CRITICAL: 2, UNKNOWN: 3 }[c.state]);
    if (c.condition) expect(report.standbys[0]!.condition).toBe(c.condition);
    if (c.reason) expect(report.summary).toMatch(c.reason);
  });

  it('reports time since last replay only while bytes are behind', () => {
    expect(mapLagVerdict(status({ replicas: [replica()] })).standbys[0]!.sinceLastReplayUs).toBeNull();
    const behind = mapLagVerdict(status({ standbys: [sender({ bytesNotReplayed: 5n })], replicas: [replica({ lastReplayAgeUs: 1_500_000 })] }));
    expect(behind.standbys[0]!.sinceLastReplayUs).toBe(1_500_000);
  });

  it('pairs a replica URL with its slot and walsender, and the worst standby decides', () => {
    const report = mapLagVerdict(
      status({
        standbys: [sender()],
        slots: [slot(), slot({ slotName: 's2', active: false, activePid: null, retainedWalBytes: 5n })],
        replicas: [replica()],
      }),
    );
    expect(report.standbys.map((s) => [s.name, s.condition, s.replicaUrl !== null])).toEqual([
      ['s1', 'streaming', true],
      ['s2', 'not-streaming', false],
    ]);
    expect(report.state).toBe('CRITICAL');
  });
});

describe('renderLagPrometheus', () => {
  it('renders HELP/TYPE and exact byte values, omitting unknown series', () => {
    const big = 2n ** 60n + 1n;
    const report = mapLagVerdict(
      status({
        standbys: [sender({ bytesNotReplayed: big, bytesNotSent: 0n, replayLagUs: 1_250_000 })],
        slots: [slot({ retainedWalBytes: big }), slot({ slotName: 'we"ird', active: false, activePid: null, walStatus: 'extended', retainedWalBytes: 7n, safeWalSizeBytes: 100n })],
      }),
    );
    const text = renderLagPrometheus(report);
    expect(text).toContain('# HELP catdb_replica_check_status ');
    expect(text).toContain('# TYPE catdb_replica_check_status gauge\ncatdb_replica_check_status 2\n');
    expect(text).toContain(`catdb_replica_wal_behind_bytes{standby="s1",stage="replay"} ${big}\n`);
    expect(text).toContain('catdb_replica_lag_seconds{standby="s1",stage="replay"} 1.25\n');
    expect(text).toContain('catdb_replica_streaming{standby="we\\"ird"} 0\n');
    expect(text).toContain('catdb_replication_slot_safe_wal_size_bytes{slot="we\\"ird",wal_status="extended"} 100\n');
    expect(text).not.toContain('catdb_replica_seconds_since_last_replay');
    expect(text).not.toContain('catdb_replication_slot_safe_wal_size_bytes{slot="s1"');
    for (const line of text.trim().split('\n')) expect(line).toMatch(/^(# (HELP|TYPE) \w+ .+|\w+(\{[^}]*\})? -?[0-9.e+]+)$/);
  });
});

describe('renderLagNagios', () => {
  it('prints one line with state, summary and perfdata, the state said once', () => {
    const report = mapLagVerdict(status({ standbys: [sender({ bytesNotReplayed: 20n * MB, replayLagUs: 3_000_000 })] }), { warn: { bytes: 16n * MB, ms: 30_000 }, crit: { bytes: 64n * MB } });
    const line = renderLagNagios(report);
    expect(line.split('\n')).toHaveLength(1);
    expect(line).toBe('REPLICA WARNING: s1: lagging: 20 MB behind (limit 16 MB) | s1_replay_bytes=20971520B;16777216;67108864;0 s1_replay_lag=3s;30;;0 slot_s1_retained=0B;;;0');
  });

  it('names the state of a standby only where it differs from the overall state', () => {
    const report = mapLagVerdict(
      status({ standbys: [sender({ bytesNotReplayed: 20n * MB })], slots: [slot(), slot({ slotName: 's2', active: false, activePid: null, retainedWalBytes: 5n })] }),
      { warn: { bytes: 16n * MB } },
    );
    const line = renderLagNagios(report);
    expect(line).toMatch(/^REPLICA CRITICAL: s1: WARNING lagging: 20 MB behind \(limit 16 MB\), s2: not streaming: /);
    expect(line.match(/CRITICAL/g)).toHaveLength(1);
    // What could not be measured is U, so every standby keeps the same labels.
    expect(line).toContain(' s2_replay_bytes=U;16777216;;0 s2_replay_lag=U;;;0 ');
  });

  it('writes thresholds as Nagios ranges in perfdata units', () => {
    const report = mapLagVerdict(status({ standbys: [sender({ bytesNotReplayed: 3n * MB, replayLagUs: 2_000_000 })] }), {
      warn: { bytes: { start: MB, end: null, inside: false }, ms: { start: 1500, end: 10_000, inside: true } },
      crit: { ms: { start: null, end: 60_000, inside: false } },
    });
    const line = renderLagNagios(report);
    expect(line).toContain('s1_replay_bytes=3145728B;1048576:;;0 s1_replay_lag=2s;@1.5:10;~:60;0');
    expect(report.state).toBe('WARNING');
    expect(line).toMatch(/^REPLICA WARNING: s1: lagging: 2\.0 s behind \(alert range inside 1\.5 s–10\.0 s\)/);
  });

  it('quotes labels with spaces and keeps | and new lines out of the line', () => {
    const report = mapLagVerdict(status({ standbys: [sender({ applicationName: 'a b|c\nREPLICA OK', slotName: null })], slots: [] }));
    const line = renderLagNagios(report);
    expect(line.split('\n')).toHaveLength(1);
    expect(line.split('|')).toHaveLength(2);
    expect(line).toContain(" | 'a b/c REPLICA OK_replay_bytes'=0B;;;0");
  });
});

describe('thresholds are Nagios ranges', () => {
  const lagging = (bytes: bigint, lagUs: number) => status({ standbys: [sender({ bytesNotReplayed: bytes, replayLagUs: lagUs })] });
  it.each([
    // A plain limit alerts above it, never at it: 0s means "any delay at all".
    ['0s, caught up', 'OK', lagging(0n, 0), { ms: 0 }],
    ['0s, 1 µs behind', 'WARNING', lagging(1n, 1), { ms: 0 }],
    ['16MB, exactly 16 MB behind', 'OK', lagging(16n * MB, 0), { bytes: 16n * MB }],
    ['16MB, one byte more', 'WARNING', lagging(16n * MB + 1n, 0), { bytes: 16n * MB }],
    ['30s, exactly 30 s', 'OK', lagging(1n, 30_000_000), { ms: 30_000 }],
    ['30s, 1 µs more', 'WARNING', lagging(1n, 30_000_001), { ms: 30_000 }],
    ['10: (alert below 10 bytes), 9 behind', 'WARNING', lagging(9n, 0), { bytes: { start: 10n, end: null, inside: false } }],
    ['@1MB:16MB, 2 MB behind', 'WARNING', lagging(2n * MB, 0), { bytes: { start: MB, end: 16n * MB, inside: true } }],
    ['@1MB:16MB, 17 MB behind', 'OK', lagging(17n * MB, 0), { bytes: { start: MB, end: 16n * MB, inside: true } }],
  ] as const)('%s → %s', (_name, state, s, warn) => {
    expect(mapLagVerdict(s, { warn: warn as never }).state).toBe(state);
  });

  it('reports plain limits as before and every threshold as a range', () => {
    const report = mapLagVerdict(status(), { warn: { bytes: 16n * MB, ms: { start: 1000, end: null, inside: false } } });
    expect(report.thresholds.warn).toEqual({ bytes: 16n * MB, ms: null, range: { bytes: '16777216', seconds: '1:' } });
    expect(report.thresholds.crit).toEqual({ bytes: null, ms: null, range: { bytes: null, seconds: null } });
  });
});
